import { ROLES, type Role } from "@/db/schema";

export { ROLES, type Role };

/** The page each role lands on after sign-in, most privileged first. */
export function landingPath(roles: readonly Role[]): string {
  if (roles.includes("admin")) return "/admin/people";
  if (roles.includes("trainer")) return "/trainer";
  return "/courses";
}

export function parseRoles(csv: string | null | undefined): Role[] {
  if (!csv) return [];
  return csv.split(",").filter((r): r is Role => (ROLES as readonly string[]).includes(r));
}
