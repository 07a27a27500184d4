"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { SlugSchema } from "@/lib/content/names";
import { db } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { LOCALES } from "@/lib/i18n/locales";
import { acknowledgeCompanyPolicy } from "@/lib/texts/acknowledge";

const Input = z.object({
  courseSlug: SlugSchema,
  version: z.string().min(1).max(50),
  textHash: z.string().regex(/^[0-9a-f]{64}$/),
  locale: z.enum(LOCALES),
});

/** Acknowledges the policy exactly as shown (see `acknowledgeCompanyPolicy`); anything else shows the page again. */
export async function acknowledgePolicyAction(formData: FormData): Promise<void> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const parsed = Input.safeParse(Object.fromEntries(formData));
  if (!parsed.success || !can(user, "courses:learn")) redirect("/courses");
  const { courseSlug } = parsed.data;
  const outcome = acknowledgeCompanyPolicy(db(), { userId: user.id, companyId: user.companyId, sessionId: user.sessionId, ...parsed.data });
  redirect(outcome === "not-ready" || outcome === "changed" ? `/courses/${courseSlug}/policy` : `/courses/${courseSlug}`);
}
