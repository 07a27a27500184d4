import "server-only";
import { asc, eq } from "drizzle-orm";
import { orm } from "../engine/orm";
import type { Engine } from "../engine/types";
import { companies, companyEmailDomains, type Company } from "../schema";
import { ignoringCase } from "../engine/dialect-sql";

export type CompanyRecord = Omit<Company, "id" | "createdAt" | "logo" | "logoType">;

export async function listCompanies(d: Engine): Promise<Pick<Company, "id" | "name" | "taxCode">[]> {
  return orm(d).select({ id: companies.id, name: companies.name, taxCode: companies.taxCode }).from(companies).orderBy(asc(companies.name), asc(companies.id));
}

export async function insertCompany(d: Engine, record: Partial<CompanyRecord> & { name: string }): Promise<number> {
  return (await orm(d).insert(companies).values(record).returning({ id: companies.id }).get())!.id;
}

export async function updateCompany(d: Engine, id: number, record: Partial<CompanyRecord>): Promise<void> {
  await orm(d).update(companies).set(record).where(eq(companies.id, id)).run();
}

export async function setCompanyLogo(d: Engine, id: number, logo: { bytes: Buffer; type: "image/png" | "image/jpeg" } | null): Promise<void> {
  await orm(d)
    .update(companies)
    .set({ logo: logo?.bytes ?? null, logoType: logo?.type ?? null })
    .where(eq(companies.id, id))
    .run();
}

/** A company by its exact name or tax code (how an import's `azienda` column names it). */
export async function findCompanyByNameOrTaxCode(d: Engine, value: string): Promise<Pick<Company, "id" | "name"> | undefined> {
  return d.get<Pick<Company, "id" | "name">>(
    `SELECT id, name FROM companies WHERE ${ignoringCase(d, "name")} = ${ignoringCase(d, "CAST(@v AS text)")} OR tax_code = upper(@v) ORDER BY id LIMIT 1`,
    { v: value },
  );
}

export async function listCompanyDomains(d: Engine, companyId: number): Promise<string[]> {
  const rows = await orm(d).select({ domain: companyEmailDomains.domain }).from(companyEmailDomains).where(eq(companyEmailDomains.companyId, companyId)).orderBy(asc(companyEmailDomains.domain));
  return rows.map((r) => r.domain);
}

/** The company that owns an e-mail domain, if any. */
export async function companyForDomain(d: Engine, domain: string): Promise<number | undefined> {
  return (await orm(d).select({ id: companyEmailDomains.companyId }).from(companyEmailDomains).where(eq(companyEmailDomains.domain, domain.toLowerCase())).get())?.id;
}

/** Replaces a company's domains; returns the domains another company already holds (nothing is written then). */
export async function replaceCompanyDomains(d: Engine, companyId: number, domains: readonly string[]): Promise<string[]> {
  const taken: string[] = [];
  for (const dom of domains) {
    const owner = await companyForDomain(d, dom);
    if (owner !== undefined && owner !== companyId) taken.push(dom);
  }
  if (taken.length) return taken;
  await orm(d).delete(companyEmailDomains).where(eq(companyEmailDomains.companyId, companyId)).run();
  for (const domain of domains) await orm(d).insert(companyEmailDomains).values({ domain, companyId }).run();
  return [];
}

/** The logo of a company, for certificates and mails. */
export async function getCompanyLogo(d: Engine, companyId: number): Promise<{ bytes: Buffer; type: "image/png" | "image/jpeg" } | null> {
  const row = await orm(d).select({ logo: companies.logo, logoType: companies.logoType }).from(companies).where(eq(companies.id, companyId)).get();
  return row?.logo && row.logoType ? { bytes: row.logo, type: row.logoType } : null;
}

/** A company's name, or null for an unknown id. */
export async function companyName(d: Engine, id: number): Promise<string | null> {
  return (await orm(d).select({ name: companies.name }).from(companies).where(eq(companies.id, id)).get())?.name ?? null;
}
