import "server-only";
import type { Engine } from "@/db/engine/types";
import { setSessionCompany } from "@/db/queries/auth";
import { getCompanyById } from "@/db/queries/company-texts";
import { appendAuditEvent } from "@/lib/audit/trail";

/**
 * Moves one sign-in session of a provider admin to another company (the switcher): only that
 * session's scope changes (`auth_sessions.company_id`), the admin's other sessions keep theirs.
 * Audited with the company left and the one entered. False, with nothing written, for a company
 * that does not exist or a session that is no longer open.
 */
export async function switchCompany(d: Engine, actor: { id: number; sessionId: string; fromCompanyId: number | null }, companyId: number): Promise<boolean> {
  return d.write(async () => {
    if (!await getCompanyById(d, companyId)) return false;
    if (!await setSessionCompany(d, actor.sessionId, companyId)) return false;
    await appendAuditEvent(d, { type: "admin.company-switch", actorUserId: actor.id, sessionId: actor.sessionId, subject: `company:${companyId}`, data: { from: actor.fromCompanyId } });
    return true;
  });
}

/**
 * Where to go after switching: the section of the page the switch was asked from (its first
 * two path segments), never a record page — a person, an import or a mail of the company just
 * left would not be found in the new one. Only a fixed set of local paths can come out of it.
 */
export function sectionAfterSwitch(referer: string | null): string {
  if (!referer) return "/admin/companies";
  let pathname: string;
  try {
    pathname = new URL(referer).pathname;
  } catch {
    return "/admin/companies";
  }
  const m = /^\/(?:(?:it|en)\/)?(admin\/[a-z-]+|admin|trainer|me)(?:\/|$)/.exec(pathname);
  return m ? `/${m[1]}` : "/admin/companies";
}
