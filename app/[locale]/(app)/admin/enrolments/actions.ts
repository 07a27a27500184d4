"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { AssignSchema, assignCourse, editRuleDueDate, removeRule, RuleEditSchema, RuleRemoveSchema } from "@/lib/enrolment/assign";
import { authedAction } from "@/lib/auth/guards";
import { echo, fieldErrorsOf } from "@/lib/form-echo";

export type AssignState = { ok: boolean; fieldErrors?: Record<string, string[]>; detail?: string; values?: Record<string, string | string[]> } | null;

export async function assignCourseAction(_prev: AssignState, formData: FormData): Promise<AssignState> {
  const user = await getCurrentUser();
  if (!user || !can(user, "people:manage")) return { ok: false, fieldErrors: { _: ["forbidden"] } };
  const parsed = AssignSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values: echo(formData) };
  }
  const result = assignCourse(db(), user.id, parsed.data);
  if (!result.ok) return { ok: false, fieldErrors: { [result.field]: [result.error] }, detail: result.detail, values: echo(formData) };
  revalidatePath("/[locale]/admin/enrolments", "page");
  return { ok: true };
}

/** Changes a rule's due date; the page re-renders with the new date. */
export const editRuleAction = authedAction("people:manage", RuleEditSchema, (input, user) => {
  if (!editRuleDueDate(db(), user.id, input)) return { ok: false, message: "not_found" };
  revalidatePath("/[locale]/admin/enrolments", "page");
  return { ok: true, message: "ruleSaved" };
});

/** Removes a rule (people it enrolled keep whatever they already did). */
export const removeRuleAction = authedAction("people:manage", RuleRemoveSchema, (input, user) => {
  if (!removeRule(db(), user.id, input)) return { ok: false, message: "not_found" };
  revalidatePath("/[locale]/admin/enrolments", "page");
  return { ok: true, message: "ruleRemoved" };
});
