"use server";

import { db } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { CompanySchema, saveCompany } from "@/lib/people/profile";
import type { ProfileFormState } from "../people/[id]/actions";
import { echo } from "@/lib/form-echo";

/** Saves the company record; an invalid CF/P.IVA is a field error and nothing is saved. */
export async function saveCompanyAction(_prev: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const user = await getCurrentUser();
  if (!user || !can(user, "people:manage")) return { ok: false, error: "form.forbidden" };
  const parsed = CompanySchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "_")] ??= []).push(issue.message);
    return { ok: false, fieldErrors, values: echo(formData) };
  }
  saveCompany(db(), user.id, parsed.data);
  return { ok: true };
}
