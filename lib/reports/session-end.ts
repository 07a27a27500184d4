import { DEFAULT_TIME_CREDIT_OPTIONS } from "@/lib/progress/time-credit";

/**
 * When a sign-in session ended, for the access log (pure).
 *
 * A learner who signs out leaves an exact logout time. Most just close the tab: then the
 * logout is INFERRED as the last activity plus {@link INFERRED_LOGOUT_AFTER_SECONDS}, the same
 * idle limit after which heartbeats stop crediting time (2 min 5 s): the server already
 * treats the learner as gone at that moment, so the access log and the credited time agree.
 *
 * - `sign-out`: logout = `ended_at`.
 * - ended by the system (`expired`, `deactivated`): `ended_at` when the learner was still
 *   active then (last activity + idle limit ≥ `ended_at`), otherwise inferred — a session
 *   that expired hours after the learner left does not count those hours.
 * - still open: inferred once the idle limit has passed; before that the session is `open`
 *   (no logout yet; the duration runs to the last activity).
 *
 * Last activity = the latest of the session's `last_seen_at` (login, heartbeats, sign-out)
 * and of its audit events (lessons opened or completed, quiz attempts).
 */
export const INFERRED_LOGOUT_AFTER_SECONDS = DEFAULT_TIME_CREDIT_OPTIONS.idleLimitMs / 1000;

export type SessionEndKind = "sign-out" | "expired" | "deactivated" | "inferred" | "open";

export type SessionTimes = {
  loginAt: number;
  lastSeenAt: number;
  endedAt: number | null;
  endReason: "sign-out" | "deactivated" | "expired" | null;
  lastEventAt: number | null;
};

export type SessionEnd = {
  /** Unix seconds. */
  lastActivityAt: number;
  /** Unix seconds; null while the session is open. */
  logoutAt: number | null;
  kind: SessionEndKind;
  /** Logout (or last activity, while open) minus login, in seconds. */
  durationSeconds: number;
};

export function sessionEnd(s: SessionTimes, nowSeconds: number, idleSeconds = INFERRED_LOGOUT_AFTER_SECONDS): SessionEnd {
  const lastActivityAt = Math.max(s.loginAt, s.lastSeenAt, s.lastEventAt ?? 0);
  const inferred = lastActivityAt + idleSeconds;
  let logoutAt: number | null;
  let kind: SessionEndKind;
  if (s.endedAt !== null && s.endReason === "sign-out") {
    logoutAt = s.endedAt;
    kind = "sign-out";
  } else if (s.endedAt !== null) {
    if (s.endedAt <= inferred) {
      logoutAt = s.endedAt;
      kind = s.endReason ?? "expired";
    } else {
      logoutAt = inferred;
      kind = "inferred";
    }
  } else if (inferred <= nowSeconds) {
    logoutAt = inferred;
    kind = "inferred";
  } else {
    logoutAt = null;
    kind = "open";
  }
  return { lastActivityAt, logoutAt, kind, durationSeconds: Math.max(0, (logoutAt ?? lastActivityAt) - s.loginAt) };
}

/** How the export names each kind (Italian registers). */
export const SESSION_END_LABELS_IT: Record<SessionEndKind, string> = {
  "sign-out": "uscita (logout)",
  expired: "sessione scaduta",
  deactivated: "account disattivato",
  inferred: `dedotta (ultima attività + ${Math.floor(INFERRED_LOGOUT_AFTER_SECONDS / 60)} min ${INFERRED_LOGOUT_AFTER_SECONDS % 60} s)`,
  open: "sessione aperta",
};
