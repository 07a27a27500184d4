"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db/client";
import { scopedAction } from "@/lib/auth/authed-action";
import { CompanySchema, saveCompanyChecked, saveCompanyLogo } from "@/lib/companies/record";
import type { CompanyFormState } from "@/lib/companies/form-state";
import { addDepartment, DepartmentSchema, moveDepartment, MoveDepartmentSchema, type DepartmentResult } from "@/lib/departments/tree";
import type { FormState } from "@/lib/forms/form-state";
import type { ScimTokenState } from "@/lib/scim/form-state";
import { createScimToken } from "@/lib/scim/token";
import { parseCompanyTexts, saveCompanyTexts } from "@/lib/texts/company-texts";
import type { TextsFormState } from "@/lib/texts/form-state";

/**
 * Saves the record of the company the admin works in (the session's scope: a provider admin's
 * current company, a company admin's own); an invalid CF/P.IVA or a domain another company
 * holds is a field error and nothing is saved.
 */
export const saveCompanyAction = scopedAction("company:manage", { schema: CompanySchema, echo: true }, async (input, user, scope): Promise<CompanyFormState> => {
  const result = await saveCompanyChecked(db(), user.id, scope.companyId, input);
  if (!result.ok) return { ok: false, fieldErrors: { [result.field]: [result.error] }, detail: result.detail };
  revalidatePath("/[locale]/admin/company", "page");
  return { ok: true };
});

const LogoInput = z.object({ intent: z.enum(["upload", "remove"]).default("upload"), logo: z.unknown().optional() });

/** Uploads or removes the company's logo (PNG or JPEG, at most 100 KB, checked by its bytes). */
export const saveLogoAction = scopedAction("company:manage", LogoInput, async (input, user, scope) => {
  let bytes: Uint8Array | null = null;
  if (input.intent !== "remove") {
    if (!(input.logo instanceof File) || input.logo.size === 0) return { ok: false, fieldErrors: { logo: ["form.logoMissing"] } };
    bytes = new Uint8Array(await input.logo.arrayBuffer());
  }
  const result = await saveCompanyLogo(db(), user.id, scope.companyId, bytes);
  if (!result.ok) return { ok: false, fieldErrors: { logo: [result.error] } };
  revalidatePath("/[locale]/admin/company", "page");
  return { ok: true };
});

/** The texts form, one field per placeholder the templates declare, each checked by `parseCompanyTexts`. */
const CompanyTextsInput = z.record(z.string(), z.unknown()).transform((form, ctx) => {
  const parsed = parseCompanyTexts(form);
  if (parsed.ok) return parsed.data;
  for (const [field, messages] of Object.entries(parsed.fieldErrors)) for (const message of messages) ctx.addIssue({ code: "custom", path: [field], message });
  return z.NEVER;
});

/** Saves the texts of the company the admin works in; nothing is saved if a field is invalid. */
export const saveCompanyTextsAction = scopedAction("company:manage", { schema: CompanyTextsInput, echo: true }, async (input, user, scope): Promise<TextsFormState> => {
  const changed = await saveCompanyTexts(db(), user.id, scope.companyId, input);
  revalidatePath("/[locale]/admin/company", "page");
  return { ok: true, saved: changed.length };
});

/** A department change's answer to the form; the tree is shown again after a change. */
function departmentState(result: DepartmentResult): FormState {
  if (!result.ok && result.field === "_") return { ok: false, message: "not_found" };
  if (!result.ok) return { ok: false, fieldErrors: { [result.field]: [result.error] } };
  revalidatePath("/[locale]/admin/company", "page");
  return { ok: true };
}

/** Adds a department to the company the admin works in, at the top or under one of its departments. */
export const addDepartmentAction = scopedAction("company:manage", { schema: DepartmentSchema, echo: true }, async (input, user, scope) =>
  departmentState(await addDepartment(db(), user.id, scope.companyId, input)),
);

/** Moves a department of the company (with those under it) under another, or to the top; a loop is refused. */
export const moveDepartmentAction = scopedAction("company:manage", { schema: MoveDepartmentSchema, echo: true }, async (input, user, scope) =>
  departmentState(await moveDepartment(db(), user.id, scope.companyId, input)),
);

/**
 * Creates the company's SCIM token for its directory, replacing the previous one; the answer
 * carries the token this once (only its SHA-256 is stored). Audited as `scim.token-create`.
 */
export const createScimTokenAction = scopedAction("scim:manage", z.object({}), async (_input, user, scope): Promise<ScimTokenState> => {
  const created = await createScimToken(db(), scope.companyId, { userId: user.id, via: "panel" });
  if (!created) return { ok: false, message: "not_found" };
  revalidatePath("/[locale]/admin/company", "page");
  return { ok: true, token: created.token, replaced: created.replaced };
});
