"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db/client";
import { AssignSchema, assignCourse, editRuleDueDate, removeRule, RuleEditSchema, RuleRemoveSchema } from "@/lib/enrolment/assign";
import type { AssignFormState } from "@/lib/enrolment/form-state";
import { scopedAction } from "@/lib/auth/authed-action";

/** Assigns a course (to everyone, a department or named people of the admin's company); a refused input is kept in the form. */
export const assignCourseAction = scopedAction("people:manage", { schema: AssignSchema, echo: true }, async (input, user, scope): Promise<AssignFormState> => {
  const result = await assignCourse(db(), user.id, scope, input);
  if (!result.ok) return { ok: false, fieldErrors: { [result.field]: [result.error] }, detail: result.detail };
  revalidatePath("/[locale]/admin/enrolments", "page");
  return { ok: true };
});

/** Changes a rule's due date; the page re-renders with the new date. */
export const editRuleAction = scopedAction("people:manage", RuleEditSchema, (input, user, scope) => {
  if (!editRuleDueDate(db(), user.id, scope, input)) return { ok: false, message: "not_found" };
  revalidatePath("/[locale]/admin/enrolments", "page");
  return { ok: true, message: "ruleSaved" };
});

/** Removes a rule (people it enrolled keep whatever they already did). */
export const removeRuleAction = scopedAction("people:manage", RuleRemoveSchema, (input, user, scope) => {
  if (!removeRule(db(), user.id, scope, input)) return { ok: false, message: "not_found" };
  revalidatePath("/[locale]/admin/enrolments", "page");
  return { ok: true, message: "ruleRemoved" };
});
