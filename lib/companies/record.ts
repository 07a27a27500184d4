import "server-only";
import { z } from "zod";
import type { Engine } from "@/db/engine/types";
import { insertCompany, replaceCompanyDomains, setCompanyLogo, updateCompany } from "@/db/queries/companies";
import { appendAuditEvent } from "@/lib/audit/trail";
import { companyTaxCodeSchema } from "@/lib/validation/company-tax-code";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "form.tooLong" })
    .transform((v) => (v === "" ? null : v));

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * A client company's record: what registers, certificates and mails print. Messages are keys of
 * the `form` catalogue. The e-mail domains (one per line or comma) route imports without an
 * `azienda` column to the company.
 */
export const CompanySchema = z.object({
  name: z.string().trim().min(1, { error: "form.required" }).max(200, { error: "form.tooLong" }),
  taxCode: z
    .string()
    .trim()
    .transform((v) => (v === "" ? null : v))
    .pipe(companyTaxCodeSchema.nullable()),
  inpsNumber: z
    .string()
    .trim()
    .regex(/^(\d{10})?$/, { error: "form.inps" })
    .transform((v) => (v === "" ? null : v)),
  address: optionalText(300).optional().default(null),
  city: optionalText(100),
  legalRepresentative: optionalText(200).optional().default(null),
  signerName: optionalText(200),
  signerRole: optionalText(200),
  senderName: optionalText(100).optional().default(null),
  replyTo: z
    .string()
    .trim()
    .transform((v) => (v === "" ? null : v.toLowerCase()))
    .pipe(z.email({ error: "form.email" }).max(254, { error: "form.tooLong" }).nullable())
    .optional()
    .default(null),
  publicBaseUrl: z
    .string()
    .trim()
    .transform((v) => (v === "" ? null : v.replace(/\/+$/, "")))
    .pipe(z.url({ protocol: /^https?$/, error: "form.url" }).max(200, { error: "form.tooLong" }).nullable())
    .optional()
    .default(null),
  emailDomains: z
    .string()
    .max(2000, { error: "form.tooLong" })
    .optional()
    .default("")
    .transform((v) => [...new Set(v.split(/[\s,;]+/).map((x) => x.trim().toLowerCase().replace(/^@/, "")).filter(Boolean))])
    .refine((list) => list.every((x) => DOMAIN.test(x)), { error: "form.domain" }),
});
export type CompanyInput = z.infer<typeof CompanySchema>;

export type CompanySaveResult = { ok: true; companyId: number } | { ok: false; field: "emailDomains"; error: string; detail: string };

/** The record's columns (the domains live in their own table). */
function fields(input: CompanyInput) {
  const { name, taxCode, inpsNumber, address, city, legalRepresentative, signerName, signerRole, senderName, replyTo, publicBaseUrl } = input;
  return { name, taxCode, inpsNumber, address, city, legalRepresentative, signerName, signerRole, senderName, replyTo, publicBaseUrl };
}

/** Saves a company's record and domains in one transaction, audited. A domain another company holds refuses the save. */
export async function saveCompany(d: Engine, actorId: number, companyId: number, input: CompanyInput): Promise<CompanySaveResult> {
  return d.write(async (): Promise<CompanySaveResult> => {
    await updateCompany(d, companyId, fields(input));
    const taken = await replaceCompanyDomains(d, companyId, input.emailDomains);
    if (taken.length) throw new DomainTaken(taken);
    await appendAuditEvent(d, { type: "admin.company-update", actorUserId: actorId, subject: `company:${companyId}`, data: { fields: Object.keys(fields(input)), domains: input.emailDomains } });
    return { ok: true, companyId };
  });
}

/** Thrown inside a transaction to roll it back when a domain belongs to another company. */
export class DomainTaken extends Error {
  constructor(readonly domains: string[]) {
    super(`e-mail domain already used by another company: ${domains.join(", ")}`);
  }
}

/** As `saveCompany`, answering a taken domain as a field error (nothing saved). */
export async function saveCompanyChecked(d: Engine, actorId: number, companyId: number, input: CompanyInput): Promise<CompanySaveResult> {
  try {
    return await saveCompany(d, actorId, companyId, input);
  } catch (e) {
    if (e instanceof DomainTaken) return { ok: false, field: "emailDomains", error: "form.domainTaken", detail: e.domains.join(", ") };
    throw e;
  }
}

/** Creates a company (inside the caller's transaction when there is one); throws `DomainTaken`. */
export async function createCompany(d: Engine, actorId: number | null, input: CompanyInput): Promise<number> {
  return d.write(async () => {
    const companyId = await insertCompany(d, fields(input));
    const taken = await replaceCompanyDomains(d, companyId, input.emailDomains);
    if (taken.length) throw new DomainTaken(taken);
    await appendAuditEvent(d, { type: "admin.company-create", actorUserId: actorId, subject: `company:${companyId}`, data: { name: input.name, domains: input.emailDomains } });
    return companyId;
  });
}

/** Small enough for any request limit in front of the app (the front door takes 128 KiB). */
export const LOGO_MAX_BYTES = 100 * 1024;

/** PNG or JPEG by their first bytes (the browser's content type is not trusted). */
export function logoType(bytes: Uint8Array): "image/png" | "image/jpeg" | null {
  if (bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return "image/png";
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  return null;
}

export type LogoResult = { ok: true } | { ok: false; error: "form.logoType" | "form.logoSize" };

/** Sets (or, with `null`, removes) a company's logo: PNG or JPEG up to 100 KB. Audited. */
export async function saveCompanyLogo(d: Engine, actorId: number, companyId: number, bytes: Uint8Array | null): Promise<LogoResult> {
  if (bytes && bytes.byteLength > LOGO_MAX_BYTES) return { ok: false, error: "form.logoSize" };
  const type = bytes ? logoType(bytes) : null;
  if (bytes && !type) return { ok: false, error: "form.logoType" };
  await d.write(async () => {
    await setCompanyLogo(d, companyId, bytes && type ? { bytes: Buffer.from(bytes), type } : null);
    await appendAuditEvent(d, { type: "admin.company-update", actorUserId: actorId, subject: `company:${companyId}`, data: { logo: bytes ? bytes.byteLength : null } });
  });
  return { ok: true };
}
