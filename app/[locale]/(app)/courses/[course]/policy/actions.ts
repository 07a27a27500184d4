"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { SlugSchema } from "@/lib/content/names";
import { db } from "@/db/client";
import { writeTransaction } from "@/db/open";
import { acknowledgePolicy } from "@/db/queries/policy";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { appendAuditEvent } from "@/lib/audit/trail";
import { completeCourseIfDue } from "@/lib/progress/complete-course";
import { socialMediaPolicy } from "@/lib/policy/policy";

const Input = z.object({ courseSlug: SlugSchema, version: z.string().min(1).max(50) });

/**
 * Records that the learner read the policy version they were shown; if that was the last
 * requirement, the course completes in the same transaction.
 */
export async function acknowledgePolicyAction(formData: FormData): Promise<void> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const parsed = Input.safeParse(Object.fromEntries(formData));
  const policy = socialMediaPolicy();
  if (!parsed.success || !policy || !can(user, "courses:learn")) redirect("/courses");
  const { courseSlug, version } = parsed.data;
  if (version !== policy.version) redirect(`/courses/${courseSlug}/policy`);
  const d = db();
  writeTransaction(d, () => {
    if (acknowledgePolicy(d, user.id, version, courseSlug)) {
      appendAuditEvent(d, { type: "policy.acknowledge", actorUserId: user.id, sessionId: user.sessionId, subject: `policy:${version}`, data: { courseSlug } });
    }
    completeCourseIfDue(d, { userId: user.id, courseSlug, sessionId: user.sessionId });
  });
  redirect(`/courses/${courseSlug}`);
}
