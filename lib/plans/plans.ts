import "server-only";
import { z } from "zod";
import type { Engine } from "@/db/engine/types";
import { FUNDS } from "@/db/schema";
import { getPlan, insertPlan, updatePlan, type PlanRecord } from "@/db/queries/plans";
import { appendAuditEvent } from "@/lib/audit/trail";
import { SLUG_RE } from "@/lib/content/names";
import { getCourse } from "@/lib/content/lookup";
import { PRESENCE_SECONDS_MAX, PRESENCE_SECONDS_MIN } from "@/lib/presence/rules";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "form.tooLong" })
    .optional()
    .default("")
    .transform((v) => (v === "" ? null : v));

const day = z
  .string()
  .trim()
  .optional()
  .default("")
  .pipe(z.union([z.literal(""), z.iso.date({ error: "form.date" })]))
  .transform((v) => (v === "" ? null : v));

/** CUP: 15 characters, letters and digits (the codice unico di progetto of public funding). */
const CUP = /^[A-Z0-9]{15}$/;

/**
 * A funding plan (piano formativo) as the forms send it. Messages are keys of the `form`
 * catalogue. The attendance threshold and the final-test requirement override the course's for
 * the plan's enrolments; empty means "as the course says".
 */
export const PlanSchema = z
  .object({
    fund: z.enum(FUNDS, { error: "form.fund" }),
    title: z.string().trim().min(1, { error: "form.required" }).max(200, { error: "form.tooLong" }),
    avviso: optionalText(200),
    protocol: optionalText(100),
    projectTitle: optionalText(300),
    cup: z
      .string()
      .trim()
      .toUpperCase()
      .optional()
      .default("")
      .refine((v) => v === "" || CUP.test(v), { error: "form.cup" })
      .transform((v) => (v === "" ? null : v)),
    startsOn: day,
    endsOn: day,
    courses: z.array(z.string().regex(SLUG_RE, { error: "form.course" })).min(1, { error: "form.coursesRequired" }).max(100),
    attendanceThreshold: z
      .union([z.literal(""), z.coerce.number({ error: "form.percent" }).int({ error: "form.percent" }).min(1, { error: "form.percent" }).max(100, { error: "form.percent" })])
      .optional()
      .default("")
      .transform((v) => (v === "" ? null : v)),
    finalTestRequired: z
      .enum(["course", "yes", "no"], { error: "form.invalid" })
      .optional()
      .default("course")
      .transform((v) => (v === "course" ? null : v === "yes")),
    signerName: optionalText(200),
    signerRole: optionalText(200),
    /** Presence checks: "" off, or the average active seconds between two questions. */
    presenceCheckSeconds: z
      .union([
        z.literal(""),
        z.coerce
          .number({ error: "presence.formInvalid" })
          .int({ error: "presence.formInvalid" })
          .min(PRESENCE_SECONDS_MIN, { error: "presence.formInvalid" })
          .max(PRESENCE_SECONDS_MAX, { error: "presence.formInvalid" }),
      ], { error: "presence.formInvalid" })
      .optional()
      .default("")
      .transform((v) => (v === "" ? null : v)),
  })
  .superRefine((v, ctx) => {
    if (v.startsOn && v.endsOn && v.endsOn < v.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "form.endsBeforeStart" });
    if (v.fund !== "non-finanziato" && v.fund !== "altro" && !v.avviso) ctx.addIssue({ code: "custom", path: ["avviso"], message: "form.avvisoRequired" });
    if (v.signerName && !v.signerRole) ctx.addIssue({ code: "custom", path: ["signerRole"], message: "form.required" });
  });
/** The presence-check setting may be left out by callers that predate it (off). */
export type PlanInput = Omit<z.infer<typeof PlanSchema>, "presenceCheckSeconds"> & { presenceCheckSeconds?: number | null };

export type PlanResult = { ok: true; planId: number } | { ok: false; field: keyof PlanInput | "_"; error: string };

/** Every course must exist in the catalog; a final test can be required only of a course that has one. */
function checkCourses(input: PlanInput): PlanResult | null {
  for (const slug of input.courses) {
    const course = getCourse(slug);
    if (!course) return { ok: false, field: "courses", error: "form.course" };
    if (input.finalTestRequired === true && !course.finalTest) return { ok: false, field: "finalTestRequired", error: "form.noFinalTest" };
  }
  return null;
}

function record(input: PlanInput): PlanRecord {
  const { fund, title, avviso, protocol, projectTitle, cup, startsOn, endsOn, attendanceThreshold, finalTestRequired, signerName, signerRole, presenceCheckSeconds } = input;
  return { fund, title, avviso, protocol, projectTitle, cup, startsOn, endsOn, attendanceThreshold, finalTestRequired, signerName, signerRole, presenceCheckSeconds: presenceCheckSeconds ?? null };
}

/** Creates a plan of the company (in the caller's transaction when there is one), audited. */
export async function createPlan(d: Engine, actorId: number | null, companyId: number, input: PlanInput): Promise<PlanResult> {
  const refused = checkCourses(input);
  if (refused) return refused;
  return d.write(async (): Promise<PlanResult> => {
    const planId = await insertPlan(d, companyId, actorId, record(input), input.courses);
    await appendAuditEvent(d, { type: "admin.plan-create", actorUserId: actorId, subject: `plan:${planId}`, data: { companyId, fund: input.fund, title: input.title, courses: input.courses } });
    return { ok: true, planId };
  });
}

/**
 * Changes a plan of the company (another company's plan is not found). What its completions
 * recorded stays as it was: certificates print the plan's current references, registers too.
 */
export async function editPlan(d: Engine, actorId: number, companyId: number, planId: number, input: PlanInput): Promise<PlanResult> {
  const refused = checkCourses(input);
  if (refused) return refused;
  return d.write(async (): Promise<PlanResult> => {
    const before = await getPlan(d, { companyId }, planId);
    if (!before) return { ok: false, field: "_", error: "form.notFound" };
    await updatePlan(d, planId, record(input), input.courses);
    const changed = (Object.keys(record(input)) as (keyof PlanRecord)[]).filter((k) => before[k] !== record(input)[k]);
    if (before.courses.join() !== [...new Set(input.courses)].sort().join()) changed.push("courses" as never);
    await appendAuditEvent(d, { type: "admin.plan-update", actorUserId: actorId, subject: `plan:${planId}`, data: { changed } });
    return { ok: true, planId };
  });
}
