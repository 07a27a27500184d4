import type { Role } from "./roles";

/**
 * Every action the app guards, and which roles may do it. Pages, server actions and
 * route handlers all ask `can()` (through the guards in `./guards`) on the server, so this
 * table is the one place to read who may do what.
 */
export const PERMISSIONS = {
  "courses:learn": ["learner"],
  "content:preview": ["trainer", "admin"],
  /** LMS packages (SCORM, cmi5) of a course: they carry the answer key, so not for learners. */
  "content:export": ["trainer", "admin"],
  "people:read": ["admin"],
  "people:manage": ["admin"],
  "reports:read": ["admin"],
  "reports:export": ["admin"],
  "certificates:manage": ["admin"],
  /** The mail outbox holds live invitation and reset links until they are delivered. */
  "outbox:read": ["admin"],
  /** Item analysis of a course's questions: no personal data, only aggregates per question. */
  "analytics:items": ["trainer", "admin"],
  /** Misconceptions per department: aggregates of groups of at least 5 people, never per person. */
  "analytics:groups": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export type Principal = { id: number; roles: readonly Role[]; active: boolean };

/** May this user do `permission`? Inactive users may do nothing. */
export function can(user: Principal | null | undefined, permission: Permission): boolean {
  if (!user || !user.active) return false;
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return user.roles.some((r) => allowed.includes(r));
}
