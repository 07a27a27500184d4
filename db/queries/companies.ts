import "server-only";
import { asc, eq } from "drizzle-orm";
import type { AppDatabase } from "../open";
import { companies, companyEmailDomains, type Company } from "../schema";

export type CompanyRecord = Omit<Company, "id" | "createdAt" | "logo" | "logoType">;

export function listCompanies(d: AppDatabase): Pick<Company, "id" | "name" | "taxCode">[] {
  return d.orm.select({ id: companies.id, name: companies.name, taxCode: companies.taxCode }).from(companies).orderBy(asc(companies.name), asc(companies.id)).all();
}

export function insertCompany(d: AppDatabase, record: Partial<CompanyRecord> & { name: string }): number {
  return d.orm.insert(companies).values(record).returning({ id: companies.id }).get().id;
}

export function updateCompany(d: AppDatabase, id: number, record: Partial<CompanyRecord>): void {
  d.orm.update(companies).set(record).where(eq(companies.id, id)).run();
}

export function setCompanyLogo(d: AppDatabase, id: number, logo: { bytes: Buffer; type: "image/png" | "image/jpeg" } | null): void {
  d.orm
    .update(companies)
    .set({ logo: logo?.bytes ?? null, logoType: logo?.type ?? null })
    .where(eq(companies.id, id))
    .run();
}

/** A company by its exact name or tax code (how an import's `azienda` column names it). */
export function findCompanyByNameOrTaxCode(d: AppDatabase, value: string): Pick<Company, "id" | "name"> | undefined {
  return d.sqlite.prepare("SELECT id, name FROM companies WHERE name = @v COLLATE NOCASE OR tax_code = upper(@v) ORDER BY id LIMIT 1").get({ v: value }) as Pick<Company, "id" | "name"> | undefined;
}

export function listCompanyDomains(d: AppDatabase, companyId: number): string[] {
  return d.orm.select({ domain: companyEmailDomains.domain }).from(companyEmailDomains).where(eq(companyEmailDomains.companyId, companyId)).orderBy(asc(companyEmailDomains.domain)).all().map((r) => r.domain);
}

/** The company that owns an e-mail domain, if any. */
export function companyForDomain(d: AppDatabase, domain: string): number | undefined {
  return d.orm.select({ id: companyEmailDomains.companyId }).from(companyEmailDomains).where(eq(companyEmailDomains.domain, domain.toLowerCase())).get()?.id;
}

/** Replaces a company's domains; returns the domains another company already holds (nothing is written then). */
export function replaceCompanyDomains(d: AppDatabase, companyId: number, domains: readonly string[]): string[] {
  const taken = domains.filter((dom) => {
    const owner = companyForDomain(d, dom);
    return owner !== undefined && owner !== companyId;
  });
  if (taken.length) return taken;
  d.orm.delete(companyEmailDomains).where(eq(companyEmailDomains.companyId, companyId)).run();
  for (const domain of domains) d.orm.insert(companyEmailDomains).values({ domain, companyId }).run();
  return [];
}

/** The logo of a company, for certificates and mails. */
export function getCompanyLogo(d: AppDatabase, companyId: number): { bytes: Buffer; type: "image/png" | "image/jpeg" } | null {
  const row = d.orm.select({ logo: companies.logo, logoType: companies.logoType }).from(companies).where(eq(companies.id, companyId)).get();
  return row?.logo && row.logoType ? { bytes: row.logo, type: row.logoType } : null;
}

/** A company's name, or null for an unknown id. */
export function companyName(d: AppDatabase, id: number): string | null {
  return d.orm.select({ name: companies.name }).from(companies).where(eq(companies.id, id)).get()?.name ?? null;
}
