"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { SlugSchema } from "@/lib/content/names";
import { db } from "@/db/client";
import { authedFormAction } from "@/lib/auth/authed-action";
import { LOCALES } from "@/lib/i18n/locales";
import { acknowledgeCompanyPolicy } from "@/lib/texts/acknowledge";

const Input = z.object({
  courseSlug: SlugSchema,
  version: z.string().min(1).max(50),
  textHash: z.string().regex(/^[0-9a-f]{64}$/),
  locale: z.enum(LOCALES),
});

/** Acknowledges the policy exactly as shown (see `acknowledgeCompanyPolicy`); anything else shows the page again. */
export const acknowledgePolicyAction = authedFormAction("courses:learn", { schema: Input, onInvalid: "/courses" }, async (input, user) => {
  const outcome = await acknowledgeCompanyPolicy(db(), { userId: user.id, companyId: user.companyId, sessionId: user.sessionId, ...input });
  redirect(outcome === "not-ready" || outcome === "changed" ? `/courses/${input.courseSlug}/policy` : `/courses/${input.courseSlug}`);
});
