import type { Role, RoleGrant } from "./roles";

/**
 * Every action the app guards, and which roles may do it. Pages, server actions and
 * route handlers all ask `can()` (through the guards in `./guards`) on the server, so this
 * table is the one place to read who may do what. WHERE a role may do it is its scope
 * (`ROLE_SCOPES` below, stored with the role in `user_roles`): every query that reads or
 * writes company data takes that scope from the session (`./scope`), never from the request.
 */
export const PERMISSIONS = {
  /** One's own personal data (the download on "Il mio percorso"): everyone signed in. */
  "self:data": ["learner", "trainer", "provider_admin", "company_admin", "department_manager"],
  /**
   * Funding plans: their pages, registers and dossier. An inspector reads only the plan of their
   * grant — the scope (`CompanyScope.planId`) answers any other plan "not found".
   */
  "plans:read": ["provider_admin", "company_admin", "inspector"],
  /** A plan's dossier for the fund (registers, declaration, course file, the ZIP): admins, and the plan's inspector. */
  "plans:dossier": ["provider_admin", "company_admin", "inspector"],
  "courses:learn": ["learner"],
  "content:preview": ["trainer", "provider_admin", "company_admin"],
  /** LMS packages (SCORM, cmi5) of a course: they carry the answer key, so not for learners. */
  "content:export": ["trainer", "provider_admin", "company_admin"],
  /** The people of the scope: a department manager reads those of their department subtree. */
  "people:read": ["provider_admin", "company_admin", "department_manager"],
  "people:manage": ["provider_admin", "company_admin"],
  /** The company record, its texts, departments and funding plans. */
  "company:manage": ["provider_admin", "company_admin"],
  /** The company's SCIM token (directory provisioning, /scim/v2): creating one replaces the previous. */
  "scim:manage": ["provider_admin", "company_admin"],
  /** Every company: the overview, the company switcher, new companies, imports naming a company. */
  "companies:manage": ["provider_admin"],
  /** The reports; an inspector's show only their plan's participations (the scope's `planId`). */
  "reports:read": ["provider_admin", "company_admin", "department_manager", "inspector"],
  /** The participants register (CSV/XLSX): what a department manager needs about their people, and no more; an inspector, their plan's. */
  "reports:register": ["provider_admin", "company_admin", "department_manager", "inspector"],
  /** The access log and the certificates ZIP. */
  "reports:export": ["provider_admin", "company_admin"],
  /** Due-date reminders to the people of the scope. */
  "reminders:send": ["provider_admin", "company_admin", "department_manager"],
  "certificates:manage": ["provider_admin", "company_admin"],
  /** The mail outbox holds live invitation and reset links until they are delivered. */
  "outbox:read": ["provider_admin", "company_admin"],
  /** Item analysis of a course's questions: no personal data, only aggregates per question. */
  "analytics:items": ["trainer", "provider_admin", "company_admin"],
  /** Misconceptions per department: aggregates of groups of at least 5 people, never per person. */
  "analytics:groups": ["provider_admin", "company_admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * Where each role acts: every company of the installation, one company (`user_roles.company_id`),
 * one department and those under it (`user_roles.department_id`), some courses
 * (`user_roles.course_slugs`, null: all), or only one's own training.
 */
export const ROLE_SCOPES = {
  provider_admin: "installation",
  company_admin: "company",
  department_manager: "department",
  trainer: "courses",
  learner: "self",
  inspector: "plan",
} as const satisfies Record<Role, string>;

export type Principal = { id: number; roles: readonly Role[]; active: boolean };

/** May this user do `permission`? Inactive users may do nothing. */
export function can(user: Principal | null | undefined, permission: Permission): boolean {
  if (!user || !user.active) return false;
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return user.roles.some((r) => allowed.includes(r));
}

/**
 * May this user do `permission` for this course? A trainer limited to some courses may only for
 * those; any other role that has the permission may for every course.
 */
export function canForCourse(user: (Principal & { grants: readonly RoleGrant[] }) | null | undefined, permission: Permission, courseSlug: string): boolean {
  if (!user || !can(user, permission)) return false;
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return user.grants.some((g) => allowed.includes(g.role) && (g.role !== "trainer" || g.courseSlugs === null || g.courseSlugs.includes(courseSlug)));
}
