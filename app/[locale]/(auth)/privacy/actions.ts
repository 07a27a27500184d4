"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/guards";
import { landingPath } from "@/lib/auth/roles";
import { LOCALES } from "@/lib/i18n/locales";
import { acknowledgeNotice } from "@/lib/texts/acknowledge";

const Input = z.object({ version: z.string().min(1).max(50), textHash: z.string().regex(/^[0-9a-f]{64}$/), locale: z.enum(LOCALES) });

/** Acknowledges the notice exactly as shown (see `acknowledgeNotice`); anything else shows the page again. */
export async function acknowledgePrivacyAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const parsed = Input.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect("/privacy");
  const outcome = acknowledgeNotice(db(), { userId: user.id, companyId: user.companyId, sessionId: user.sessionId, ...parsed.data });
  if (outcome === "not-ready" || outcome === "changed") redirect("/privacy");
  redirect(landingPath(user.roles));
}
