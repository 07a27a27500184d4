"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { CompanySchema, saveCompanyChecked, saveCompanyLogo } from "@/lib/companies/record";
import { echo, fieldErrorsOf } from "@/lib/form-echo";
import { parseCompanyTexts, saveCompanyTexts } from "@/lib/texts/company-texts";

export type CompanyFormState = { ok: boolean; fieldErrors?: Record<string, string[]>; error?: string; detail?: string; values?: Record<string, string | string[]> } | null;

/**
 * Saves the record of the company the admin works in (the session's scope: a provider admin's
 * current company, a company admin's own); an invalid CF/P.IVA or a domain another company
 * holds is a field error and nothing is saved.
 */
export async function saveCompanyAction(_prev: CompanyFormState, formData: FormData): Promise<CompanyFormState> {
  const user = await getCurrentUser();
  if (!user || !can(user, "company:manage") || !user.scope) return { ok: false, error: "form.forbidden" };
  const parsed = CompanySchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values: echo(formData) };
  const result = saveCompanyChecked(db(), user.id, user.scope.companyId, parsed.data);
  if (!result.ok) return { ok: false, fieldErrors: { [result.field]: [result.error] }, detail: result.detail, values: echo(formData) };
  revalidatePath("/[locale]/admin/company", "page");
  return { ok: true };
}

/** Uploads or removes the company's logo (PNG or JPEG, at most 100 KB, checked by its bytes). */
export async function saveLogoAction(_prev: CompanyFormState, formData: FormData): Promise<CompanyFormState> {
  const user = await getCurrentUser();
  if (!user || !can(user, "company:manage") || !user.scope) return { ok: false, error: "form.forbidden" };
  const intent = formData.get("intent");
  const file = formData.get("logo");
  let bytes: Uint8Array | null = null;
  if (intent !== "remove") {
    if (!(file instanceof File) || file.size === 0) return { ok: false, fieldErrors: { logo: ["form.logoMissing"] } };
    bytes = new Uint8Array(await file.arrayBuffer());
  }
  const result = saveCompanyLogo(db(), user.id, user.scope.companyId, bytes);
  if (!result.ok) return { ok: false, fieldErrors: { logo: [result.error] } };
  revalidatePath("/[locale]/admin/company", "page");
  return { ok: true };
}

export type TextsFormState = { ok: boolean; saved?: number; fieldErrors?: Record<string, string[]>; values?: Record<string, string | string[]>; error?: string } | null;

/** Saves the company's texts for the policy and notice placeholders; nothing is saved if a field is invalid. */
export async function saveCompanyTextsAction(_prev: TextsFormState, formData: FormData): Promise<TextsFormState> {
  const user = await getCurrentUser();
  if (!user || !can(user, "company:manage") || !user.scope) return { ok: false, error: "forbidden" };
  const parsed = parseCompanyTexts(Object.fromEntries(formData));
  if (!parsed.ok) return { ok: false, fieldErrors: parsed.fieldErrors, values: echo(formData) };
  const changed = saveCompanyTexts(db(), user.id, user.scope.companyId, parsed.data);
  revalidatePath("/[locale]/admin/company", "page");
  return { ok: true, saved: changed.length };
}
