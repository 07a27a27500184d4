import "server-only";
import { orm } from "@/db/engine/orm";
import { eq } from "drizzle-orm";
import type { Engine } from "@/db/engine/types";
import { companies, type Role } from "@/db/schema";
import { ensureDepartment, findDepartmentByName } from "@/db/queries/departments";
import { listPlans } from "@/db/queries/plans";
import { createCompany } from "@/lib/companies/record";
import { openDueCycles } from "@/lib/enrolment/cycles";
import { moveDepartment } from "@/lib/departments/tree";
import { createPlan, type PlanInput } from "@/lib/plans/plans";
import { createUserIfMissing, findUserByEmail } from "@/db/queries/users";
import { upsertInspectorGrant } from "@/db/queries/inspectors";
import { hasAnyProgress } from "@/db/queries/progress";
import { getCourse, publishedCourses, publishedLessons } from "@/lib/content/lookup";
import { addEnrolmentRule, enrolPeople, listRules } from "@/db/queries/enrolment";
import { listCompanyTexts, setCompanyText } from "@/db/queries/company-texts";
import { hashPassword } from "@/lib/auth/password";
import { romeToday } from "@/lib/dates";
import { changeActivation } from "@/lib/people/activation";
import { DemoLearner } from "./journey";
import { seedAssessmentCohort } from "./assessment-cohort";

/** Demo only: documented in the README, never used by `npm start`. */
export const DEMO_PASSWORD = "binomio-demo";
export const DEMO_COMPANY = "Officine Demo S.r.l.";
/** The second client company of the demo's training provider (another fund, one plan). */
export const DEMO_COMPANY_B = "Cooperativa Adriatica Servizi";
/** The training provider's administrator: every company (the overview, the switcher, new companies). */
export const DEMO_PROVIDER_ADMIN = "ente@example.com";
/** The fund's auditor: read-only on Officine's plan for the employees' course, for 30 days from seeding. */
export const DEMO_INSPECTOR = "ispettore@example.com";
/** The course the demo shows, and the demo learner who has already completed it. */
export const DEMO_COURSE = "lavoro-e-social-media";
export const DEMO_COMPLETED_LEARNER = "davide.marino@example.com";
/** The course for managers and HR: only HR and the managers are enrolled in the demo. */
export const DEMO_MANAGER_COURSE = "social-media-responsabili-hr";

type DemoPerson = {
  email: string;
  fiscalCode: string;
  firstName: string;
  lastName: string;
  roles: Role[];
  department: string;
  qualification: string;
  /** For a department manager: the department they manage (with those under it). */
  manages?: string;
};

/** Officine Demo's people. `admin@example.com` is the company's admin (its own people, plans, registers). */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { email: "admin@example.com", fiscalCode: "CNTLSN85C52F205A", firstName: "Alessandra", lastName: "Conti", roles: ["company_admin"], department: "Risorse umane", qualification: "Quadro" },
  {
    email: "responsabile@example.com",
    fiscalCode: "VLLRRT76A12F205S",
    firstName: "Roberto",
    lastName: "Villa",
    roles: ["department_manager"],
    department: "Stabilimento",
    qualification: "Quadro",
    manages: "Stabilimento",
  },
  { email: "trainer@example.com", fiscalCode: "FRRMRC79E03H501S", firstName: "Marco", lastName: "Ferri", roles: ["trainer"], department: "Formazione", qualification: "Impiegato" },
  { email: "learner@example.com", fiscalCode: "RMNGLI92H61L219M", firstName: "Giulia", lastName: "Romano", roles: ["learner"], department: "Vendite", qualification: "Impiegato" },
  { email: "luca.bianchi@example.com", fiscalCode: "BNCLCU88A15F839O", firstName: "Luca", lastName: "Bianchi", roles: ["learner"], department: "Produzione", qualification: "Operaio" },
  { email: "sara.esposito@example.com", fiscalCode: "SPSSRA90S47A944X", firstName: "Sara", lastName: "Esposito", roles: ["learner"], department: "Amministrazione", qualification: "Impiegato" },
  { email: "paolo.ricci@example.com", fiscalCode: "RCCPLA83D09F205D", firstName: "Paolo", lastName: "Ricci", roles: ["learner"], department: "Produzione", qualification: "Operaio" },
  { email: "elena.greco@example.com", fiscalCode: "GRCLNE95B64H501D", firstName: "Elena", lastName: "Greco", roles: ["learner"], department: "Marketing", qualification: "Impiegato" },
  { email: "chiara.colombo@example.com", fiscalCode: "CLMCHR93L58L219E", firstName: "Chiara", lastName: "Colombo", roles: ["learner"], department: "Logistica", qualification: "Impiegato" },
  { email: "matteo.gallo@example.com", fiscalCode: "GLLMTT87M22F839S", firstName: "Matteo", lastName: "Gallo", roles: ["learner"], department: "Assistenza clienti", qualification: "Impiegato" },
  { email: "davide.marino@example.com", fiscalCode: "MRNDVD81P30A944C", firstName: "Davide", lastName: "Marino", roles: ["learner", "trainer"], department: "Vendite", qualification: "Quadro" },
  // People with a history, so every state of the registers has someone real in it.
  { email: "federica.lombardi@example.com", fiscalCode: "LMBFDR90A41F205Q", firstName: "Federica", lastName: "Lombardi", roles: ["learner"], department: "Vendite", qualification: "Impiegato" },
  { email: "giorgio.rinaldi@example.com", fiscalCode: "RNLGRG84C12L219N", firstName: "Giorgio", lastName: "Rinaldi", roles: ["learner"], department: "Produzione", qualification: "Operaio" },
  { email: "marta.costa@example.com", fiscalCode: "CSTMRT91E50H501D", firstName: "Marta", lastName: "Costa", roles: ["learner"], department: "Logistica", qualification: "Impiegato" },
  { email: "stefano.moretti@example.com", fiscalCode: "MRTSFN86H03F839I", firstName: "Stefano", lastName: "Moretti", roles: ["learner"], department: "Marketing", qualification: "Impiegato" },
];

/** The second company's people: its admin and four learners (one recertifying under a yearly campaign). */
export const DEMO_PEOPLE_B: readonly DemoPerson[] = [
  { email: "admin.adriatica@example.com", fiscalCode: "SRTGNN72C15L736K", firstName: "Giovanni", lastName: "Sartori", roles: ["company_admin"], department: "Direzione", qualification: "Dirigente" },
  { email: "anna.marchetti@example.com", fiscalCode: "MRCNNA89D45L736P", firstName: "Anna", lastName: "Marchetti", roles: ["learner"], department: "Soci lavoratori", qualification: "Socio lavoratore" },
  { email: "pietro.sala@example.com", fiscalCode: "SLAPTR91E20L736U", firstName: "Pietro", lastName: "Sala", roles: ["learner"], department: "Soci lavoratori", qualification: "Socio lavoratore" },
  { email: "ilaria.neri@example.com", fiscalCode: "NRELRI94H50L736L", firstName: "Ilaria", lastName: "Neri", roles: ["learner"], department: "Amministrazione", qualification: "Impiegato" },
  { email: "bruno.fabbri@example.com", fiscalCode: "FBBBRN80L05L736O", firstName: "Bruno", lastName: "Fabbri", roles: ["learner"], department: "Soci lavoratori", qualification: "Socio lavoratore" },
];

/** The provider's own staff (no company of their own). */
export const DEMO_PROVIDER_PEOPLE: readonly DemoPerson[] = [
  { email: DEMO_PROVIDER_ADMIN, fiscalCode: "GLLFNC91E50A944Y", firstName: "Francesca", lastName: "Galli", roles: ["provider_admin"], department: "", qualification: "Coordinatrice" },
];

/**
 * The demo company's words for the policy and notice placeholders (lib/texts). Every declared
 * placeholder that is not taken from the company record needs a value here: the demo must
 * never show a blank (tests/integration/demo-consistency.test.ts checks it).
 */
export const DEMO_TEXTS: Record<string, string | { it: string; en: string }> = {
  social_media_contact: { it: "Laura Benedetti, ufficio comunicazione", en: "Laura Benedetti, communications office" },
  contact_email: "comunicazione@officinedemo.example",
  official_accounts: "LinkedIn «Officine Demo», Instagram @officinedemo",
  personal_use_limits: {
    it: "Durante le pause e fuori dai reparti produttivi. In produzione e in magazzino il telefono personale resta nell'armadietto durante il turno.",
    en: "During breaks and outside the production areas. In production and in the warehouse personal phones stay in the locker during the shift.",
  },
  reporting_channel: {
    it: "la piattaforma di segnalazione raggiungibile dall'intranet aziendale, gestita dall'Organismo di vigilanza",
    en: "the reporting platform reachable from the company intranet, run by the supervisory body",
  },
  registered_office: "Via dell'Esempio 1, 20121 Milano",
  privacy_email: "privacy@officinedemo.example",
  dpo_contact: { it: "Studio Esempio Privacy, dpo@officinedemo.example", en: "Studio Esempio Privacy, dpo@officinedemo.example" },
  retention_period: {
    it: "Conserviamo i dati della formazione per dieci anni dalla chiusura del piano formativo, il periodo in cui il fondo e gli enti di controllo possono chiederne la verifica.",
    en: "We keep training data for ten years after the training plan closes, the period in which the fund and auditors may ask to check it.",
  },
};

/** The second company's words for the same placeholders. */
export const DEMO_TEXTS_B: Record<string, string | { it: string; en: string }> = {
  ...DEMO_TEXTS,
  social_media_contact: { it: "Marco Doria, ufficio soci", en: "Marco Doria, members' office" },
  contact_email: "soci@adriatica.example",
  official_accounts: "Facebook «Cooperativa Adriatica», LinkedIn «Cooperativa Adriatica Servizi»",
  registered_office: "Viale della Cooperazione 12, 60121 Ancona",
  privacy_email: "privacy@adriatica.example",
  dpo_contact: { it: "Studio Marche Privacy, dpo@adriatica.example", en: "Studio Marche Privacy, dpo@adriatica.example" },
};

/** The demo's plans: Officine Demo has two with Fondimpresa (the one for everyone asks for presence checks), the cooperative one with Fon.Coop. */
function demoPlans(): { company: "A" | "B"; input: PlanInput }[] {
  const common = { projectTitle: null, cup: null, attendanceThreshold: null, finalTestRequired: null, signerName: null, signerRole: null } as const;
  return [
    {
      company: "A",
      input: { ...common, fund: "fondimpresa", title: "Competenze digitali e reputazione online", avviso: "Avviso 1/2026", protocol: "AVT/126/26", projectTitle: "Social media e lavoro per tutto il personale", startsOn: "2026-01-15", endsOn: "2027-06-30", courses: [DEMO_COURSE], presenceCheckSeconds: 20 * 60 },
    },
    {
      company: "A",
      input: { ...common, fund: "fondimpresa", title: "Conto Formazione — Responsabili e HR", avviso: "Conto Formazione", protocol: "CF/2026/0031", startsOn: "2026-03-01", endsOn: "2027-02-28", courses: [DEMO_MANAGER_COURSE], signerName: "Alessandra Conti", signerRole: "Direttrice del personale" },
    },
    {
      company: "B",
      input: { ...common, fund: "foncoop", title: "Formazione soci 2026", avviso: "Avviso 57/2025", protocol: "FC/57/0412", startsOn: "2025-09-01", endsOn: "2027-08-31", courses: [DEMO_COURSE] },
    },
  ];
}

async function findCompany(d: Engine, name: string) {
  return orm(d).select().from(companies).where(eq(companies.name, name)).get();
}

/** A company of the demo, created through the app's own write path the first time. */
async function demoCompany(d: Engine, name: string, record: Omit<Parameters<typeof createCompany>[2], "name">): Promise<number> {
  return (await findCompany(d, name))?.id ?? await createCompany(d, null, { name, ...record });
}

/**
 * Seeds the training provider's demo: its admin, two client companies with their texts, people,
 * departments (a tree) and funding plans (different funds, one company with two), enrols their
 * learners in the courses (due in 30 days; the cooperative's as a yearly campaign) and writes
 * the histories of the demo's story learners. Idempotent: existing rows are left as they are,
 * so re-running `npm run demo` never duplicates or resets anybody.
 */
export async function seedDemo(d: Engine, now = new Date()): Promise<{ created: number }> {
  const noDomains = { emailDomains: [] as string[], address: null, legalRepresentative: null, senderName: null, replyTo: null, publicBaseUrl: null };
  const companyId = await demoCompany(d, DEMO_COMPANY, {
    ...noDomains,
    taxCode: "01234567897",
    inpsNumber: "1234567890",
    city: "Milano",
    address: "Via dell'Esempio 1, 20121 Milano",
    legalRepresentative: "Carla Bassi",
    signerName: "Alessandra Conti",
    signerRole: "Responsabile della formazione",
    senderName: "Officine Demo — Formazione",
    replyTo: "formazione@officinedemo.example",
  });
  const companyB = await demoCompany(d, DEMO_COMPANY_B, {
    ...noDomains,
    taxCode: "02345678901",
    inpsNumber: "2345678901",
    city: "Ancona",
    address: "Viale della Cooperazione 12, 60121 Ancona",
    legalRepresentative: "Giovanni Sartori",
    signerName: "Giovanni Sartori",
    signerRole: "Presidente",
    senderName: "Cooperativa Adriatica",
    replyTo: "soci@adriatica.example",
  });
  await seedDemoTexts(d, companyId, DEMO_TEXTS, now);
  await seedDemoTexts(d, companyB, DEMO_TEXTS_B, now);
  const hash = await hashPassword(DEMO_PASSWORD);
  let created = 0;
  const people = [
    ...DEMO_PEOPLE.map((p) => ({ p, company: companyId as number | null })),
    ...DEMO_PEOPLE_B.map((p) => ({ p, company: companyB as number | null })),
    ...DEMO_PROVIDER_PEOPLE.map((p) => ({ p, company: null })),
  ];
  for (const { p, company } of people) {
    if (company !== null && p.department) await ensureDepartment(d, company, p.department);
    const managedDepartmentId = company !== null && p.manages ? (await findDepartmentByName(d, company, p.manages))?.id : undefined;
    const r = await createUserIfMissing(d, { ...p, department: p.department || null, passwordHash: hash, companyId: company, contractType: "Tempo indeterminato", managedDepartmentId });
    if (r.created) created++;
  }
  // Officine's plant: production and logistics under it (the department manager's subtree).
  for (const name of ["Produzione", "Logistica"]) await ensureDepartment(d, companyId, name);
  const plant = (await findDepartmentByName(d, companyId, "Stabilimento"))!;
  for (const name of ["Produzione", "Logistica"]) {
    const dep = (await findDepartmentByName(d, companyId, name))!;
    if (dep.parentId === null) await moveDepartment(d, null, companyId, { departmentId: dep.id, parentId: plant.id });
  }
  const plans = await seedDemoPlans(d, companyId, companyB);

  // Everyone in Officine takes the employees' course, due in 30 days; the course for managers and
  // HR goes to the HR department and to the managers (Quadri) by name — each in its plan.
  const ruled = new Set((await listRules(d, companyId)).map((r) => r.courseSlug));
  const due = romeToday(new Date(now.getTime() + 30 * 86_400_000));
  for (const course of publishedCourses()) {
    if (ruled.has(course.slug)) continue;
    const planId = plans.get(`A:${course.slug}`) ?? null;
    if (course.slug !== DEMO_MANAGER_COURSE) {
      await addEnrolmentRule(d, { companyId, courseSlug: course.slug, scope: "everyone", department: null, dueDate: due, planId, createdBy: null });
      continue;
    }
    await addEnrolmentRule(d, { companyId, courseSlug: course.slug, scope: "department", department: "Risorse umane", dueDate: due, planId, createdBy: null });
    const managers: number[] = [];
    for (const p of DEMO_PEOPLE.filter((p) => p.qualification === "Quadro" && p.roles.includes("learner"))) {
      const u = await findUserByEmail(d, p.email);
      if (u) managers.push(u.id);
    }
    const admin = await findUserByEmail(d, "admin@example.com");
    if (admin && managers.length) await enrolPeople(d, managers, course.slug, due, admin.id, planId);
  }
  // The cooperative renews the employees' course every year (a campaign), in its Fon.Coop plan.
  if (!(await listRules(d, companyB)).some((r) => r.courseSlug === DEMO_COURSE)) {
    await addEnrolmentRule(d, { companyId: companyB, courseSlug: DEMO_COURSE, scope: "everyone", department: null, dueDate: due, planId: plans.get(`B:${DEMO_COURSE}`) ?? null, recurMonths: 12, createdBy: null });
  }
  await seedStories(d, now);
  await seedStoriesB(d, now);
  if (await seedDemoInspector(d, companyId, plans.get(`A:${DEMO_COURSE}`), hash, now)) created++;
  // Bruno completed the course almost a year ago: the yearly campaign opens his second cycle.
  await openDueCycles(d, now, { companyId: companyB, departments: null });
  // A cohort of 65 learners who took the course in the last six weeks, so the analytics pages
  // (item analysis, misconceptions by department) have real data to show.
  await seedAssessmentCohort(d, () => now, { companyId });
  return { created };
}

/** The inspector account, created once (a re-run leaves its expiry alone). @returns whether it was created. */
async function seedDemoInspector(d: Engine, companyId: number, planId: number | undefined, passwordHash: string, now: Date): Promise<boolean> {
  if (planId === undefined) return false;
  const r = await createUserIfMissing(d, { email: DEMO_INSPECTOR, firstName: "Paola", lastName: "Revisori", passwordHash, roles: [], companyId });
  if (r.created) await upsertInspectorGrant(d, { userId: r.user.id, companyId, planId, expiresAt: new Date(now.getTime() + 30 * 86_400_000), now });
  return r.created;
}

/** The demo's plans, created once; keyed `A:<course>` / `B:<course>` → plan id. */
async function seedDemoPlans(d: Engine, companyA: number, companyB: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const { company, input } of demoPlans()) {
    const companyId = company === "A" ? companyA : companyB;
    const existing = (await listPlans(d, { companyId })).find((p) => p.title === input.title);
    let planId = existing?.id;
    if (planId === undefined) {
      const r = await createPlan(d, null, companyId, input);
      if (!r.ok) throw new Error(`demo plan ${input.title}: ${r.error}`);
      planId = r.planId;
    }
    for (const c of input.courses) out.set(`${company}:${c}`, planId);
  }
  return out;
}

async function seedDemoTexts(d: Engine, companyId: number, texts: Record<string, string | { it: string; en: string }>, now: Date): Promise<void> {
  const existing = new Set((await listCompanyTexts(d, companyId)).map((r) => `${r.key}:${r.locale}`));
  for (const [key, value] of Object.entries(texts)) {
    const slots: [string, "it" | "en" | "*"][] = typeof value === "string" ? [[value, "*"]] : [[value.it, "it"], [value.en, "en"]];
    for (const [text, locale] of slots) if (!existing.has(`${key}:${locale}`)) await setCompanyText(d, { companyId, key, locale, value: text, updatedBy: null, now });
  }
}

/** `start` days before `now`, at 09:10 in Rome. */
function daysAgo(now: Date, days: number, hour = 9, minute = 10): Date {
  const t = new Date(now.getTime() - days * 86_400_000);
  t.setUTCHours(hour - 1, minute, 0, 0);
  return t;
}

/**
 * The demo's story learners, each written once (a learner with any recorded lesson is left
 * alone): Davide completed the course with a certificate; Federica is half way; Giorgio read
 * everything but failed the final test three times (not trained); Marta had an earlier due
 * date and is overdue; Stefano started, then left the company (deactivated).
 */
async function seedStories(d: Engine, now: Date): Promise<void> {
  const course = getCourse(DEMO_COURSE);
  if (!course || course.status !== "published") return;
  const lessons = publishedLessons(course).map((l) => l.slug);
  const admin = await findUserByEmail(d, "admin@example.com");
  if (!admin) return;
  const learner = async (email: string) => {
    const user = await findUserByEmail(d, email);
    return user && !await hasAnyProgress(d, user.id) ? user : null;
  };

  const davide = await learner(DEMO_COMPLETED_LEARNER);
  if (davide) {
    const j = await new DemoLearner(d, davide, daysAgo(now, 5)).signIn();
    await j.completeOverTwoDays(course, lessons, 14, 30);
  }

  const federica = await learner("federica.lombardi@example.com");
  if (federica) {
    const j = await new DemoLearner(d, federica, daysAgo(now, 2, 11, 5)).signIn();
    for (const slug of lessons.slice(0, 3)) {
      await j.readLesson(course, slug, 0.9);
      await j.takeLessonCheck(course, slug, "some");
    }
    await j.readLesson(course, lessons[3]!, 0.4, false);
    await j.signOut();
  }

  const giorgio = await learner("giorgio.rinaldi@example.com");
  if (giorgio) {
    const j = await new DemoLearner(d, giorgio, daysAgo(now, 9, 8, 40)).signIn();
    for (const slug of lessons.slice(0, 4)) await j.readLesson(course, slug, 0.85);
    await j.signOut();
    await j.nextDayAt(8, 35).signIn();
    for (const slug of lessons.slice(4)) await j.readLesson(course, slug, 0.85);
    const max = course.finalTest?.maxAttempts ?? 3;
    for (let i = 0; i < max; i++) (await j.takeFinalTest(course, 0.4)).wait(20);
    await j.signOut();
  }

  const marta = await learner("marta.costa@example.com");
  if (marta) {
    // Assigned by name with an earlier due date, which has passed: she is overdue.
    const plan = (await listPlans(d, { companyId: marta.companyId! })).find((p) => p.courses.includes(course.slug));
    await enrolPeople(d, [marta.id], course.slug, romeToday(new Date(now.getTime() - 6 * 86_400_000)), admin.id, plan?.id ?? null);
    const j = await new DemoLearner(d, marta, daysAgo(now, 20, 15, 20)).signIn();
    await j.readLesson(course, lessons[0]!, 0.9);
    await j.readLesson(course, lessons[1]!, 0.5, false);
    await j.signOut();
  }

  const stefano = await learner("stefano.moretti@example.com");
  if (stefano) {
    const j = await new DemoLearner(d, stefano, daysAgo(now, 25, 10, 0)).signIn();
    await j.readLesson(course, lessons[0]!, 0.9);
    await j.signOut();
    // He left the company: the admin deactivated him (today); what he did stays in the registers.
    await changeActivation(d, admin.id, { companyId: stefano.companyId!, departments: null }, stefano.id, false);
  }
}

/**
 * The cooperative's story learners: Anna completed the course a year ago and, her certificate
 * about to expire, again three weeks ago (her first certificate has expired); Pietro is half way;
 * Bruno completed it almost a year ago (his certificate exists), so the yearly campaign opens his
 * second cycle; Ilaria has not started.
 */
async function seedStoriesB(d: Engine, now: Date): Promise<void> {
  const course = getCourse(DEMO_COURSE);
  if (!course || course.status !== "published") return;
  const lessons = publishedLessons(course).map((l) => l.slug);
  const learner = async (email: string) => {
    const user = await findUserByEmail(d, email);
    return user && !await hasAnyProgress(d, user.id) ? user : null;
  };
  const complete = async (user: { id: number; companyId: number | null }, start: Date) => {
    const j = await new DemoLearner(d, user, start).signIn();
    await j.completeOverTwoDays(course, lessons, 15, 0);
  };
  const anna = await learner("anna.marchetti@example.com");
  if (anna) {
    // Anna is in her second year: her first certificate expired two weeks ago; the campaign
    // re-enrolled her a month before that and she completed the course again in time.
    await complete(anna, daysAgo(now, 380, 9, 30));
    await openDueCycles(d, daysAgo(now, 40), { companyId: anna.companyId!, departments: null });
    await complete(anna, daysAgo(now, 20, 9, 30));
  }
  const bruno = await learner("bruno.fabbri@example.com");
  if (bruno) await complete(bruno, daysAgo(now, 352, 8, 45));
  const pietro = await learner("pietro.sala@example.com");
  if (pietro) {
    const j = await new DemoLearner(d, pietro, daysAgo(now, 3, 16, 10)).signIn();
    for (const slug of lessons.slice(0, 2)) {
      await j.readLesson(course, slug, 0.9);
      await j.takeLessonCheck(course, slug, "some");
    }
    await j.signOut();
  }
}
