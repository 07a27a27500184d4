import "server-only";
import { z } from "zod";
import type { Engine } from "@/db/engine/types";
import { getCompanyById, getDefaultCompany, listCompanyTexts, setCompanyText } from "@/db/queries/company-texts";
import type { Company } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/trail";
import { socialMediaPolicy } from "@/lib/policy/policy";
import { privacyNotice } from "@/lib/privacy/notice";
import {
  fillDocument,
  valueFor,
  TEXT_LOCALES,
  type FilledDocument,
  type Placeholder,
  type PlaceholderValue,
  type PlaceholderValues,
  type TextDocument,
  type TextLocale,
} from "./placeholders";

/**
 * The policy and the privacy notice as one company shows them: the templates under content/
 * with the company's own values in place of their placeholders. A learner is never shown, nor
 * asked to acknowledge, a text with a placeholder left: pages get `{ ok: false, missing }`.
 */

export type CompanyDocument = "policy" | "notice";

/** Which company a person's texts come from: their own, else the installation's first. */
export async function companyFor(d: Engine, companyId: number | null | undefined): Promise<Company | undefined> {
  return (companyId ? await getCompanyById(d, companyId) : undefined) ?? await getDefaultCompany(d);
}

/** Every placeholder of both documents, once (a key used by both is filled once). */
export function allPlaceholders(): Placeholder[] {
  const out = new Map<string, Placeholder>();
  for (const p of [...(socialMediaPolicy()?.placeholders ?? []), ...privacyNotice().placeholders]) if (!out.has(p.key)) out.set(p.key, p);
  return [...out.values()];
}

function documentTemplate(doc: CompanyDocument): { placeholders: Placeholder[]; text: Record<TextLocale, TextDocument>; version: string } | null {
  if (doc === "policy") {
    const p = socialMediaPolicy();
    return p ? { placeholders: p.placeholders, text: { it: p.it, en: p.en }, version: p.version } : null;
  }
  const n = privacyNotice();
  return { placeholders: n.placeholders, text: { it: n.it, en: n.en }, version: n.version };
}

/** The values that fill a company's placeholders: from its record, then from what the admin wrote. */
export async function placeholderValues(d: Engine, company: Company | undefined): Promise<PlaceholderValues> {
  const values = new Map<string, PlaceholderValue>();
  if (!company) return values;
  for (const row of await listCompanyTexts(d, company.id)) {
    const v = values.get(row.key) ?? {};
    if (row.locale === "*") v.any = row.value;
    else v[row.locale] = row.value;
    values.set(row.key, v);
  }
  for (const p of allPlaceholders()) {
    if (!p.from) continue;
    const field = p.from.slice("company.".length) as keyof Company;
    const value = company[field];
    values.set(p.key, { any: typeof value === "string" ? value : undefined });
  }
  return values;
}

export type RenderedDocument = FilledDocument & { version: string };

/** A document in one language for one company, filled — or what is still missing. */
export async function renderCompanyDocument(d: Engine, doc: CompanyDocument, companyId: number | null | undefined, locale: TextLocale): Promise<RenderedDocument | null> {
  const template = documentTemplate(doc);
  if (!template) return null;
  const company = await companyFor(d, companyId);
  return { ...fillDocument(template.text[locale], locale, template.placeholders, await placeholderValues(d, company)), version: template.version };
}

export type MissingPlaceholder = { document: CompanyDocument; placeholder: Placeholder; locales: TextLocale[] };

/** What the admin still has to fill, per document and language (the trainer's page shows it too). */
export async function missingPlaceholders(d: Engine, companyId: number | null | undefined): Promise<MissingPlaceholder[]> {
  const company = await companyFor(d, companyId);
  const values = await placeholderValues(d, company);
  const out: MissingPlaceholder[] = [];
  for (const doc of ["policy", "notice"] as const) {
    const template = documentTemplate(doc);
    if (!template) continue;
    for (const p of template.placeholders) {
      const locales = TEXT_LOCALES.filter((l) => valueFor(p, values, l) === null);
      if (locales.length) out.push({ document: doc, placeholder: p, locales });
    }
    // Tokens left in the text that no declaration covers can never be filled: content:check
    // fails on them, and here they keep the document from being shown.
  }
  return out;
}

export type TextsInput = Record<string, string>;

/**
 * Saves the values an admin typed (form names `key` for one value, `key.it`/`key.en` per
 * language) for the placeholders not taken from the company record. One transaction, one
 * audit event naming the keys that changed.
 */
export async function saveCompanyTexts(d: Engine, actorId: number, companyId: number, input: TextsInput, now = new Date()): Promise<string[]> {
  return d.write(async () => {
    const changed: string[] = [];
    for (const p of allPlaceholders()) {
      if (p.from) continue;
      const slots = p.perLanguage ? TEXT_LOCALES.map((l) => [`${p.key}.${l}`, l] as const) : ([[p.key, "*"]] as const);
      for (const [name, locale] of slots) {
        if (!(name in input)) continue;
        if (await setCompanyText(d, { companyId, key: p.key, locale, value: input[name]!.trim(), updatedBy: actorId, now })) changed.push(name);
      }
    }
    if (changed.length) await appendAuditEvent(d, { type: "admin.company-texts-update", actorUserId: actorId, subject: `company:${companyId}`, data: { changed } });
    return changed;
  });
}

/** Lengths an admin may type: a line, or a paragraph. */
export const TEXT_MAX = { line: 300, email: 254, paragraph: 2000 } as const;

/** One input of the texts form: a placeholder in one language (or both). */
export type TextField = {
  name: string;
  key: string;
  placeholder: Placeholder;
  locale: TextLocale | "*";
  value: string;
  documents: CompanyDocument[];
};

/** The inputs the company page shows, with their current values; placeholders taken from the record are left out. */
export async function textFields(d: Engine, companyId: number | null | undefined): Promise<{ fields: TextField[]; fromRecord: { placeholder: Placeholder; value: string | null; documents: CompanyDocument[] }[] }> {
  const company = await companyFor(d, companyId);
  const values = await placeholderValues(d, company);
  const usedIn = (key: string) => (["policy", "notice"] as const).filter((doc) => documentTemplate(doc)?.placeholders.some((p) => p.key === key));
  const fields: TextField[] = [];
  const fromRecord: { placeholder: Placeholder; value: string | null; documents: CompanyDocument[] }[] = [];
  for (const p of allPlaceholders()) {
    const documents = usedIn(p.key);
    if (p.from) {
      fromRecord.push({ placeholder: p, value: valueFor(p, values, "it"), documents });
      continue;
    }
    const v = values.get(p.key) ?? {};
    if (p.perLanguage) for (const l of TEXT_LOCALES) fields.push({ name: `${p.key}.${l}`, key: p.key, placeholder: p, locale: l, value: v[l] ?? "", documents });
    else fields.push({ name: p.key, key: p.key, placeholder: p, locale: "*", value: v.any ?? "", documents });
  }
  return { fields, fromRecord };
}

/**
 * Validates the texts form against the declarations: an e-mail must be one, lengths are
 * bounded, empty means "not filled" (allowed: the admin may fill the rest later). Error
 * messages are keys of the `companyTexts.errors` catalogue.
 */
export function parseCompanyTexts(form: Record<string, unknown>): { ok: true; data: TextsInput } | { ok: false; fieldErrors: Record<string, string[]> } {
  const data: TextsInput = {};
  const fieldErrors: Record<string, string[]> = {};
  for (const p of allPlaceholders()) {
    if (p.from) continue;
    const names = p.perLanguage ? TEXT_LOCALES.map((l) => `${p.key}.${l}`) : [p.key];
    for (const name of names) {
      const raw = form[name];
      if (raw === undefined) continue;
      const value = typeof raw === "string" ? raw.trim() : "";
      const max = TEXT_MAX[p.input];
      if (value.length > max) (fieldErrors[name] ??= []).push("tooLong");
      else if (p.input === "email" && value !== "" && !z.email().safeParse(value).success) (fieldErrors[name] ??= []).push("email");
      else data[name] = value;
    }
  }
  return Object.keys(fieldErrors).length ? { ok: false, fieldErrors } : { ok: true, data };
}

/** How many inputs are still empty (a value shared by both documents counts once). */
export function countMissingFields(missing: readonly MissingPlaceholder[]): number {
  return new Set(missing.flatMap((m) => (m.placeholder.perLanguage ? m.locales.map((l) => `${m.placeholder.key}.${l}`) : [m.placeholder.key]))).size;
}
