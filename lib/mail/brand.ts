import "server-only";
import type { Engine } from "@/db/engine/types";
import { getCompanyById } from "@/db/queries/company-texts";
import { getCompanyLogo } from "@/db/queries/companies";

/** The content id under which a company's logo travels with its mails (an inline attachment). */
export const LOGO_CID = "company-logo@binomio";

/** What a mail shows of the company it is sent for: its name at the top, its logo when it has one. */
export type MailBrand = { companyName: string; logo: boolean };

export async function mailBrand(d: Engine, companyId: number | null): Promise<MailBrand | undefined> {
  if (companyId === null) return undefined;
  const c = await getCompanyById(d, companyId);
  return c ? { companyName: c.name, logo: c.logo !== null && c.logoType !== null } : undefined;
}

/** Who a company's mails come from: its sender name on MAIL_FROM's address (none: MAIL_FROM as it is), its reply-to, its logo. */
export type MailSender = { name: string | null; replyTo: string | null; logo: { bytes: Buffer; type: string } | null };

export async function mailSender(d: Engine, companyId: number | null): Promise<MailSender> {
  if (companyId === null) return { name: null, replyTo: null, logo: null };
  const c = await getCompanyById(d, companyId);
  if (!c) return { name: null, replyTo: null, logo: null };
  return { name: c.senderName, replyTo: c.replyTo, logo: await getCompanyLogo(d, companyId) };
}

/** The stored HTML with the logo inlined, for the sandboxed preview on /admin/outbox/<id>. */
export function previewHtml(html: string, logo: { bytes: Buffer; type: string } | null): string {
  const src = logo ? `data:${logo.type};base64,${logo.bytes.toString("base64")}` : "";
  return html.replaceAll(`cid:${LOGO_CID}`, src);
}

/** `Name <address>` → the address alone (MAIL_FROM's address is kept; only the display name is the company's). */
export function mailAddress(from: string): string {
  const m = /<([^>]+)>/.exec(from);
  return (m ? m[1]! : from).trim();
}
