"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db/client";
import { authedAction } from "@/lib/auth/authed-action";
import { CompanySchema, saveCompany } from "@/lib/people/profile";
import { companyFor, parseCompanyTexts, saveCompanyTexts } from "@/lib/texts/company-texts";
import type { TextsFormState } from "@/lib/texts/form-state";

/** Saves the company record; an invalid CF/P.IVA is a field error and nothing is saved. */
export const saveCompanyAction = authedAction("people:manage", { schema: CompanySchema, echo: true }, (input, user) => {
  saveCompany(db(), user.id, input);
  return { ok: true };
});

/** The texts form, one field per placeholder the templates declare, each checked by `parseCompanyTexts`. */
const CompanyTextsInput = z.record(z.string(), z.unknown()).transform((form, ctx) => {
  const parsed = parseCompanyTexts(form);
  if (parsed.ok) return parsed.data;
  for (const [field, messages] of Object.entries(parsed.fieldErrors)) for (const message of messages) ctx.addIssue({ code: "custom", path: [field], message });
  return z.NEVER;
});

/** Saves the company's texts for the policy and notice placeholders; nothing is saved if a field is invalid. */
export const saveCompanyTextsAction = authedAction("people:manage", { schema: CompanyTextsInput, echo: true }, (input, user): TextsFormState => {
  const d = db();
  const company = companyFor(d, user.companyId);
  if (!company) return { ok: false, message: "forbidden" };
  const changed = saveCompanyTexts(d, user.id, company.id, input);
  revalidatePath("/[locale]/admin/company", "page");
  return { ok: true, saved: changed.length };
});
