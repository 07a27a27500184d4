import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { SLUG_RE } from "@/lib/content/names";
import type { Engine } from "@/db/engine/types";
import { userRoles, users } from "@/db/schema";
import { addEnrolmentRule, deleteRule, enrolPeople, getRule, setRuleDueDate } from "@/db/queries/enrolment";
import { getPlan } from "@/db/queries/plans";
import type { DataScope } from "@/db/queries/scope";
import { appendAuditEvent } from "@/lib/audit/trail";
import { getCourse } from "@/lib/content/lookup";
import { orm } from "@/db/engine/orm";

export const AssignSchema = z
  .object({
    courseSlug: z.string().regex(SLUG_RE, { error: "course" }),
    scope: z.enum(["everyone", "department", "people"]),
    department: z.string().trim().max(100).optional().default(""),
    emails: z.string().max(200_000).optional().default(""),
    dueDate: z.union([z.literal(""), z.iso.date({ error: "date" })]).default(""),
    /** A plan of the company, or empty: no plan. */
    planId: z.union([z.literal(""), z.coerce.number({ error: "plan" }).int().positive()]).optional().default(""),
    /** A campaign: every N months after a completion, a new cycle (standing rules only). */
    recurMonths: z.union([z.literal(""), z.coerce.number({ error: "recur" }).int({ error: "recur" }).min(1, { error: "recur" }).max(120, { error: "recur" })]).optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.scope === "department" && !v.department) ctx.addIssue({ code: "custom", path: ["department"], message: "departmentRequired" });
    if (v.scope === "people" && !v.emails.trim()) ctx.addIssue({ code: "custom", path: ["emails"], message: "peopleRequired" });
    if (v.scope === "people" && v.recurMonths !== "") ctx.addIssue({ code: "custom", path: ["recurMonths"], message: "recurNeedsRule" });
  });
export type AssignInput = z.infer<typeof AssignSchema>;

export type AssignResult = { ok: true } | { ok: false; field: string; error: string; detail?: string };

/**
 * Assigns a course, inside the admin's company, to everyone, a department (and the departments
 * under it) — both as standing rules that also cover people who arrive later, optionally
 * recurring (a campaign) — or to named people of the company, with an optional due date and
 * plan (which must be the company's and include the course); one transaction, audited.
 */
export async function assignCourse(d: Engine, actorId: number, scope: DataScope, input: AssignInput): Promise<AssignResult> {
  const course = getCourse(input.courseSlug);
  if (!course || course.status !== "published") return { ok: false, field: "courseSlug", error: "course" };
  const dueDate = input.dueDate || null;
  const planId = input.planId === "" ? null : input.planId;
  if (planId !== null) {
    const plan = await getPlan(d, scope, planId);
    if (!plan) return { ok: false, field: "planId", error: "plan" };
    if (!plan.courses.includes(course.slug)) return { ok: false, field: "planId", error: "planCourse" };
  }
  return d.write(async (): Promise<AssignResult> => {
    if (input.scope === "people") {
      const emails = [...new Set(input.emails.split(/[\s,;]+/).map((e) => e.trim().toLowerCase()).filter(Boolean))];
      // Only the company's own people: anyone else is "unknown", exactly like an address nobody has.
      const found = await orm(d)
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(and(inArray(users.email, emails), eq(users.companyId, scope.companyId)))
        .all();
      const unknown = emails.filter((e) => !found.some((f) => f.email === e));
      if (unknown.length) return { ok: false, field: "emails", error: "unknownEmails", detail: unknown.slice(0, 10).join(", ") };
      // Only learners take courses: an admin or trainer enrolled here could never complete.
      const learners = new Set(
        (await orm(d).select({ userId: userRoles.userId }).from(userRoles).where(and(inArray(userRoles.userId, found.map((f) => f.id)), eq(userRoles.role, "learner"))).all()).map((r) => r.userId),
      );
      const notLearners = found.filter((f) => !learners.has(f.id));
      if (notLearners.length) return { ok: false, field: "emails", error: "notLearners", detail: notLearners.slice(0, 10).map((f) => f.email).join(", ") };
      await enrolPeople(d, found.map((f) => f.id), course.slug, dueDate, actorId, planId);
    } else {
      await addEnrolmentRule(d, {
        companyId: scope.companyId,
        courseSlug: course.slug,
        scope: input.scope,
        department: input.scope === "department" ? input.department : null,
        dueDate,
        planId,
        recurMonths: input.recurMonths === "" ? null : input.recurMonths,
        createdBy: actorId,
      });
    }
    await appendAuditEvent(d, {
      type: "admin.user-update",
      actorUserId: actorId,
      subject: `enrolment:${course.slug}`,
      data: { companyId: scope.companyId, scope: input.scope, department: input.department || null, dueDate, planId, recurMonths: input.recurMonths === "" ? null : input.recurMonths },
    });
    return { ok: true };
  });
}

export const RuleEditSchema = z.object({
  ruleId: z.coerce.number().int().positive(),
  dueDate: z.union([z.literal(""), z.iso.date({ error: "date" })]).default(""),
});
export const RuleRemoveSchema = z.object({ ruleId: z.coerce.number().int().positive() });

/** Changes a standing rule's due date (empty: none), audited; another company's rule is not found. */
export async function editRuleDueDate(d: Engine, actorId: number, scope: DataScope, input: z.infer<typeof RuleEditSchema>): Promise<boolean> {
  return d.write(async () => {
    const rule = await getRule(d, scope.companyId, input.ruleId);
    if (!rule) return false;
    const dueDate = input.dueDate || null;
    await setRuleDueDate(d, rule.id, dueDate);
    await appendAuditEvent(d, { type: "admin.enrolment-rule-update", actorUserId: actorId, subject: `enrolment-rule:${rule.id}`, data: { courseSlug: rule.courseSlug, before: rule.dueDate, dueDate } });
    return true;
  });
}

/**
 * Removes a standing rule, audited with what it said. People it enrolled stop being
 * enrolled through it; whatever they already did stays in the registers (lib/reports/status.ts).
 */
export async function removeRule(d: Engine, actorId: number, scope: DataScope, input: z.infer<typeof RuleRemoveSchema>): Promise<boolean> {
  return d.write(async () => {
    const rule = await getRule(d, scope.companyId, input.ruleId);
    if (!rule) return false;
    await deleteRule(d, rule.id);
    await appendAuditEvent(d, {
      type: "admin.enrolment-rule-remove",
      actorUserId: actorId,
      subject: `enrolment-rule:${rule.id}`,
      data: { courseSlug: rule.courseSlug, scope: rule.scope, department: rule.department, dueDate: rule.dueDate, planId: rule.planId, recurMonths: rule.recurMonths },
    });
    return true;
  });
}
