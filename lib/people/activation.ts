import "server-only";
import type { Engine } from "@/db/engine/types";
import { setUserActive } from "@/db/queries/users";
import { isUserInScope, type DataScope } from "@/db/queries/scope";
import { appendAuditEvent } from "@/lib/audit/trail";

export type ActivationResult = { ok: true } | { ok: false; error: "self" | "not_found" };

/**
 * Activates or deactivates a person of the admin's scope on their request (someone outside it
 * is `not_found`, like an unknown id). An admin cannot deactivate themselves (the company could
 * lose its last admin). People are never deleted: their training records are evidence.
 */
export async function changeActivation(d: Engine, actorId: number, scope: DataScope, targetId: number, active: boolean): Promise<ActivationResult> {
  if (!active && actorId === targetId) return { ok: false, error: "self" };
  return d.write(async () => {
    if (!(await isUserInScope(d, scope, targetId)) || !(await setUserActive(d, targetId, active))) return { ok: false as const, error: "not_found" as const };
    await appendAuditEvent(d, { type: "admin.user-update", actorUserId: actorId, subject: `user:${targetId}`, data: { active } });
    return { ok: true as const };
  });
}
