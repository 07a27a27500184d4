import { ROLES, type Role } from "@/db/schema";

export { ROLES, type Role };

/** The page each role lands on after sign-in, most privileged first; an inspector lands on their plan. */
export function landingPath(roles: readonly Role[], grants: readonly RoleGrant[] = []): string {
  if (roles.includes("provider_admin")) return "/admin/companies";
  if (roles.includes("company_admin")) return "/admin/people";
  if (roles.includes("department_manager")) return "/admin/reports";
  if (roles.includes("trainer")) return "/trainer";
  const inspector = grants.find((g) => g.role === "inspector");
  if (inspector?.planId) return `/admin/plans/${inspector.planId}`;
  return "/courses";
}

export function parseRoles(csv: string | null | undefined): Role[] {
  if (!csv) return [];
  return csv.split(",").filter((r): r is Role => (ROLES as readonly string[]).includes(r));
}

/** A role with its scope: `company_id`, `department_id`, `plan_id`, `course_slugs` (JSON array; null: every course). */
export type RoleGrant = { role: Role; companyId: number | null; departmentId: number | null; planId: number | null; courseSlugs: readonly string[] | null };

/** Parses the `grants` column: one `role|company|department|plan|courses` line per role. */
export function parseGrants(text: string | null): RoleGrant[] {
  if (!text) return [];
  return text.split("\n").flatMap((line): RoleGrant[] => {
    const [role = "", company = "", department = "", plan = "", ...rest] = line.split("|");
    const courses = rest.join("|");
    if (!(ROLES as readonly string[]).includes(role)) return [];
    let courseSlugs: string[] | null = null;
    if (courses) {
      try {
        const parsed: unknown = JSON.parse(courses);
        courseSlugs = Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === "string") : [];
      } catch {
        courseSlugs = [];
      }
    }
    return [{ role: role as Role, companyId: company ? Number(company) : null, departmentId: department ? Number(department) : null, planId: plan ? Number(plan) : null, courseSlugs }];
  });
}
