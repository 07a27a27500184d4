import "server-only";
import { and, eq } from "drizzle-orm";
import { orm } from "../engine/orm";
import type { Engine } from "../engine/types";
import { companies, companyTexts, type Company } from "../schema";

export type CompanyTextRow = { key: string; locale: "it" | "en" | "*"; value: string };

export async function listCompanyTexts(d: Engine, companyId: number): Promise<CompanyTextRow[]> {
  return orm(d).select({ key: companyTexts.key, locale: companyTexts.locale, value: companyTexts.value }).from(companyTexts).where(eq(companyTexts.companyId, companyId));
}

/** Sets (or clears, with an empty value) one text; true when something changed. */
export async function setCompanyText(d: Engine, r: CompanyTextRow & { companyId: number; updatedBy: number | null; now: Date }): Promise<boolean> {
  const current = await orm(d)
    .select({ value: companyTexts.value })
    .from(companyTexts)
    .where(and(eq(companyTexts.companyId, r.companyId), eq(companyTexts.key, r.key), eq(companyTexts.locale, r.locale)))
    .get();
  if ((current?.value ?? "") === r.value) return false;
  if (r.value === "") {
    await orm(d).delete(companyTexts).where(and(eq(companyTexts.companyId, r.companyId), eq(companyTexts.key, r.key), eq(companyTexts.locale, r.locale))).run();
    return true;
  }
  await orm(d)
    .insert(companyTexts)
    .values({ companyId: r.companyId, key: r.key, locale: r.locale, value: r.value, updatedAt: r.now, updatedBy: r.updatedBy })
    .onConflictDoUpdate({ target: [companyTexts.companyId, companyTexts.key, companyTexts.locale], set: { value: r.value, updatedAt: r.now, updatedBy: r.updatedBy } })
    .run();
  return true;
}

export async function getCompanyById(d: Engine, id: number): Promise<Company | undefined> {
  return orm(d).select().from(companies).where(eq(companies.id, id)).get();
}

/** The installation's first company: the one people without a company belong to. */
export async function getDefaultCompany(d: Engine): Promise<Company | undefined> {
  return orm(d).select().from(companies).orderBy(companies.id).get();
}
