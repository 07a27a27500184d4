import "server-only";
import type { AppDatabase } from "@/db/open";
import { setUserActive } from "@/db/queries/users";

export type ActivationResult = { ok: true } | { ok: false; error: "self" | "not_found" };

/**
 * Activates or deactivates a person on an admin's request. An admin cannot deactivate
 * themselves (the installation could lose its last admin). People are never deleted:
 * their training records are evidence.
 */
export function changeActivation(d: AppDatabase, actorId: number, targetId: number, active: boolean): ActivationResult {
  if (!active && actorId === targetId) return { ok: false, error: "self" };
  return setUserActive(d, targetId, active) ? { ok: true } : { ok: false, error: "not_found" };
}
