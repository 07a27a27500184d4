"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db/client";
import { acknowledgePrivacy } from "@/db/queries/privacy";
import { requireUser } from "@/lib/auth/guards";
import { landingPath } from "@/lib/auth/roles";
import { privacyNotice } from "@/lib/privacy/notice";
import { appendAuditEvent } from "@/lib/audit/trail";

const Input = z.object({ version: z.string().min(1).max(50) });

/** Stores the acknowledgement of the notice version the user was shown (and only the current one). */
export async function acknowledgePrivacyAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const parsed = Input.safeParse(Object.fromEntries(formData));
  const current = privacyNotice().version;
  if (!parsed.success || parsed.data.version !== current) redirect("/privacy");
  const d = db();
  d.sqlite.transaction(() => {
    if (acknowledgePrivacy(d, user.id, current)) {
      appendAuditEvent(d, { type: "privacy.acknowledge", actorUserId: user.id, sessionId: user.sessionId, subject: `user:${user.id}`, data: { version: current } });
    }
  })();
  redirect(landingPath(user.roles));
}
