"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db/client";
import { scopedAction } from "@/lib/auth/authed-action";
import { REVOKE_REASON_MAX, REVOKE_REASON_MIN, revokeCertificate } from "@/lib/certificates/revoke";

const RevokeInput = z.object({
  code: z.string().trim().min(1).max(40),
  reason: z.string().trim().min(REVOKE_REASON_MIN).max(REVOKE_REASON_MAX),
});

/** Revokes one certificate with a reason (admins only); the audit event is written in the same transaction. */
export const revokeCertificateAction = scopedAction("certificates:manage", RevokeInput, async (input, user, scope) => {
  const result = await revokeCertificate(db(), scope, { code: input.code, reason: input.reason, actorUserId: user.id, sessionId: user.sessionId });
  if (!result.ok) return { ok: false, message: result.code };
  revalidatePath("/[locale]/admin/certificates", "page");
  return { ok: true, message: "revoked" };
});
