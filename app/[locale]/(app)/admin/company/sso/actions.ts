"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db/client";
import { scopedAction } from "@/lib/auth/authed-action";
import { saveSsoSettings, SsoSettingsSchema } from "@/lib/sso/settings";

/**
 * Saves the SSO settings of the company the admin works in (the session's scope, never the
 * request). The secret is sealed before it is stored and never comes back in the answer: `echo`
 * is off, so not even a refused form returns what was typed.
 */
export const saveSsoAction = scopedAction("company:manage", SsoSettingsSchema, async (input, user, scope) => {
  const result = await saveSsoSettings(db(), user.id, scope.companyId, input);
  if (!result.ok) return { ok: false, fieldErrors: { [result.field]: [result.error] } };
  revalidatePath("/[locale]/admin/company/sso", "page");
  return { ok: true };
});
