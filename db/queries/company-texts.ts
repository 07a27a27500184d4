import "server-only";
import { and, eq } from "drizzle-orm";
import type { AppDatabase } from "../open";
import { companies, companyTexts, type Company } from "../schema";

export type CompanyTextRow = { key: string; locale: "it" | "en" | "*"; value: string };

export function listCompanyTexts(d: AppDatabase, companyId: number): CompanyTextRow[] {
  return d.orm.select({ key: companyTexts.key, locale: companyTexts.locale, value: companyTexts.value }).from(companyTexts).where(eq(companyTexts.companyId, companyId)).all();
}

/** Sets (or clears, with an empty value) one text; true when something changed. */
export function setCompanyText(d: AppDatabase, r: CompanyTextRow & { companyId: number; updatedBy: number | null; now: Date }): boolean {
  const current = d.orm
    .select({ value: companyTexts.value })
    .from(companyTexts)
    .where(and(eq(companyTexts.companyId, r.companyId), eq(companyTexts.key, r.key), eq(companyTexts.locale, r.locale)))
    .get();
  if ((current?.value ?? "") === r.value) return false;
  if (r.value === "") {
    d.orm.delete(companyTexts).where(and(eq(companyTexts.companyId, r.companyId), eq(companyTexts.key, r.key), eq(companyTexts.locale, r.locale))).run();
    return true;
  }
  d.orm
    .insert(companyTexts)
    .values({ companyId: r.companyId, key: r.key, locale: r.locale, value: r.value, updatedAt: r.now, updatedBy: r.updatedBy })
    .onConflictDoUpdate({ target: [companyTexts.companyId, companyTexts.key, companyTexts.locale], set: { value: r.value, updatedAt: r.now, updatedBy: r.updatedBy } })
    .run();
  return true;
}

export function getCompanyById(d: AppDatabase, id: number): Company | undefined {
  return d.orm.select().from(companies).where(eq(companies.id, id)).get();
}

/** The installation's first company: the one people without a company belong to. */
export function getDefaultCompany(d: AppDatabase): Company | undefined {
  return d.orm.select().from(companies).orderBy(companies.id).get();
}
