"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { AssignSchema, assignCourse } from "@/lib/enrolment/assign";
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
