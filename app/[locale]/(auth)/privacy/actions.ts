"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db/client";
import { authedFormAction } from "@/lib/auth/authed-action";
import { landingPath } from "@/lib/auth/roles";
import { LOCALES } from "@/lib/i18n/locales";
import { acknowledgeNotice } from "@/lib/texts/acknowledge";

const Input = z.object({ version: z.string().min(1).max(50), textHash: z.string().regex(/^[0-9a-f]{64}$/), locale: z.enum(LOCALES) });

/** Acknowledges the notice exactly as shown (see `acknowledgeNotice`); anything else shows the page again. */
export const acknowledgePrivacyAction = authedFormAction("signed-in", { schema: Input, onInvalid: "/privacy" }, async (input, user) => {
  const outcome = await acknowledgeNotice(db(), { userId: user.id, companyId: user.companyId, sessionId: user.sessionId, ...input });
  redirect(outcome === "not-ready" || outcome === "changed" ? "/privacy" : landingPath(user.roles, user.grants));
});
