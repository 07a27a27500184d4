"use server";

import { refresh } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db/client";
import { authedFormAction } from "@/lib/auth/authed-action";
import { sectionAfterSwitch, switchCompany } from "./switch";

const Input = z.object({ companyId: z.coerce.number().int().positive() });

/**
 * The company switcher (the overview's "work in this company" and the bar under the header):
 * provider admins only; the company must exist; then back to the section it was asked from.
 * Here, not beside a page, because both the layout's bar and the overview use it.
 */
export const switchCompanyAction = authedFormAction("companies:manage", { schema: Input, onInvalid: "/admin/companies?switch=unknown" }, async ({ companyId }, user) => {
  const actor = { id: user.id, sessionId: user.sessionId, fromCompanyId: user.scope?.companyId ?? null };
  if (!await switchCompany(db(), actor, companyId)) redirect("/admin/companies?switch=unknown");
  // The bar lives in the layout, which a redirect alone would keep from the client's cache.
  refresh();
  const to = sectionAfterSwitch((await headers()).get("referer"));
  redirect(to === "/admin/companies" ? `/admin/companies?switched=${companyId}` : to);
});
