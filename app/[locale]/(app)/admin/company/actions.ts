"use server";

import { db } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { CompanySchema, saveCompany } from "@/lib/people/profile";
import type { ProfileFormState } from "../people/[id]/actions";
import { echo, fieldErrorsOf } from "@/lib/form-echo";

/** Saves the company record; an invalid CF/P.IVA is a field error and nothing is saved. */
export async function saveCompanyAction(_prev: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const user = await getCurrentUser();
  if (!user || !can(user, "people:manage")) return { ok: false, error: "form.forbidden" };
  const parsed = CompanySchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values: echo(formData) };
  }
  saveCompany(db(), user.id, parsed.data);
  return { ok: true };
}
