/**
 * TEST SUPPORT ONLY (tests/integration/dossier-zip*): a company with one funded plan on the
 * fixture course, learners enrolled in it by name (so their completions carry the plan), one
 * learner of the same course outside the plan, and an admin — through the app's write paths
 * (reports-seed's `seedLearner`). On the engine, so on either database.
 */
import { orm } from "@/db/engine/orm";
import type { Engine } from "@/db/engine/types";
import { insertPlan } from "@/db/queries/plans";
import { createUserIfMissing } from "@/db/queries/users";
import type { PlanRecord } from "@/db/queries/plans";
import { companies } from "@/db/schema";
import { FIXTURE_COURSE, learnerUser, REGISTER_PLANS, seedLearner, type LearnerPlan, type SeededLearner } from "./reports-seed";

export const DOSSIER_PLAN_KEYS = ["formato-1", "formato-2", "accenti", "corso-opened", "non-formato-fails"] as const;
const OUTSIDER_KEY = "formato-4";

/** The plan's record as stored (the dossier input spells the same facts as printed). */
export const DOSSIER_PLAN: PlanRecord = {
  fund: "fondimpresa",
  avviso: "Avviso 2/2024",
  title: "Piano Social 2026",
  protocol: "FI-2026-0042",
  projectTitle: "Social media e lavoro",
  cup: null,
  startsOn: "2026-03-01",
  endsOn: "2026-06-30",
  attendanceThreshold: null,
  finalTestRequired: null,
  signerName: null,
  signerRole: null,
};

export type DossierSeed = { companyId: number; planId: number; adminId: number; learners: SeededLearner[]; outsider: SeededLearner };

export async function seedDossierPlan(d: Engine, t0: number): Promise<DossierSeed> {
  const company = await orm(d)
    .insert(companies)
    .values({
      name: "Officine Test S.r.l.",
      taxCode: "01234567897",
      inpsNumber: "1234567890",
      address: "Via Roma 1",
      city: "Milano",
      legalRepresentative: "Alessandra Conti",
      signerName: "Alessandra Conti",
      signerRole: "Il legale rappresentante",
    })
    .returning()
    .get();
  const planId = await insertPlan(d, company.id, null, DOSSIER_PLAN, [FIXTURE_COURSE]);
  const admin = (await createUserIfMissing(d, { email: "admin@example.com", firstName: "Ada", lastName: "Amministra", passwordHash: null, roles: ["company_admin"], companyId: company.id })).user;
  const byKey = new Map(REGISTER_PLANS.map((p) => [p.key, p]));
  const enrolInPlan = async (plan: LearnerPlan) => {
    // Created here first so the enrolment by name carries the plan; seedLearner then finds both.
    const user = await learnerUser(d, plan, company.id);
    await d.run("INSERT INTO enrolments (user_id, course_slug, plan_id) VALUES (?, ?, ?)", [user.id, FIXTURE_COURSE, planId]);
  };
  const learners: SeededLearner[] = [];
  for (const key of DOSSIER_PLAN_KEYS) {
    const plan = byKey.get(key)!;
    await enrolInPlan(plan);
    learners.push(await seedLearner(d, plan, t0, company.id));
  }
  const outsider = await seedLearner(d, byKey.get(OUTSIDER_KEY)!, t0, company.id);
  return { companyId: company.id, planId, adminId: admin.id, learners, outsider };
}
