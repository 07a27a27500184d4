"use server";

import { db } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { CompanySchema, saveCompany } from "@/lib/people/profile";
import type { ProfileFormState } from "../people/[id]/actions";
import { echo, fieldErrorsOf } from "@/lib/form-echo";
import { revalidatePath } from "next/cache";
import { companyFor, parseCompanyTexts, saveCompanyTexts } from "@/lib/texts/company-texts";

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

export type TextsFormState = { ok: boolean; saved?: number; fieldErrors?: Record<string, string[]>; values?: Record<string, string | string[]>; error?: string } | null;

/** Saves the company's texts for the policy and notice placeholders; nothing is saved if a field is invalid. */
export async function saveCompanyTextsAction(_prev: TextsFormState, formData: FormData): Promise<TextsFormState> {
  const user = await getCurrentUser();
  if (!user || !can(user, "people:manage")) return { ok: false, error: "forbidden" };
  const parsed = parseCompanyTexts(Object.fromEntries(formData));
  if (!parsed.ok) return { ok: false, fieldErrors: parsed.fieldErrors, values: echo(formData) };
  const d = db();
  const company = companyFor(d, user.companyId);
  if (!company) return { ok: false, error: "forbidden" };
  const changed = saveCompanyTexts(d, user.id, company.id, parsed.data);
  revalidatePath("/[locale]/admin/company", "page");
  return { ok: true, saved: changed.length };
}
