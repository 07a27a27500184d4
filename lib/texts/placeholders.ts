/**
 * Placeholders in the texts a company adapts (the social media policy, the privacy notice):
 * square-bracket tokens such as `[NOME AZIENDA]` / `[COMPANY NAME]`, declared once per
 * document with the field that fills them. Pure: the values come from the caller.
 *
 * A text with any token left unfilled is never shown to a learner or acknowledged: the
 * caller gets the list of what is missing instead (lib/texts/company-texts.ts).
 */
import { createHash } from "node:crypto";
import { z } from "zod";

export const TEXT_LOCALES = ["it", "en"] as const;
export type TextLocale = (typeof TEXT_LOCALES)[number];

/** An upper-case word or phrase in square brackets: `[NOME AZIENDA]`, `[DPO E-MAIL]`. */
export const TOKEN_RE = /\[[A-ZÀ-Ý][A-ZÀ-Ý0-9 '’.,/&()-]*\]/g;
const TokenSchema = z.string().regex(new RegExp(`^${TOKEN_RE.source}$`), { error: "must be an upper-case word or phrase in square brackets, e.g. [NOME AZIENDA]" });
const Label = z.strictObject({ it: z.string().trim().min(1), en: z.string().trim().min(1) });

/** Company fields a placeholder can be filled from automatically (not editable on the texts form). */
export const COMPANY_FIELDS = ["name", "taxCode", "inpsNumber", "city", "signerName", "signerRole"] as const;
export type CompanyField = (typeof COMPANY_FIELDS)[number];

export const PlaceholderSchema = z
  .strictObject({
    key: z.string().regex(/^[a-z][a-z0-9_]*$/, { error: "must be lower_snake_case, e.g. social_media_contact" }),
    token: z.strictObject({ it: TokenSchema, en: TokenSchema }),
    label: Label,
    help: Label.optional(),
    /** Filled from the company record; otherwise the admin writes it on the company page. */
    from: z.enum(COMPANY_FIELDS.map((f) => `company.${f}` as const)).optional(),
    /** How the admin types it: one line, an e-mail address, or a paragraph. */
    input: z.enum(["line", "email", "paragraph"]).default("line"),
    /** The admin writes it once per language (a description); otherwise one value for both (a name, an address). */
    perLanguage: z.boolean().default(false),
  })
  .superRefine((p, ctx) => {
    if (p.from && p.perLanguage) ctx.addIssue({ code: "custom", path: ["perLanguage"], message: "a placeholder filled from the company record has one value for both languages" });
  });
export type Placeholder = z.infer<typeof PlaceholderSchema>;
export const PlaceholderListSchema = z.array(PlaceholderSchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((p, i) => {
    if (seen.has(p.key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: `duplicate placeholder key "${p.key}"` });
    seen.add(p.key);
  });
});

/** What fills each placeholder: `any` serves both languages, `it`/`en` one each. */
export type PlaceholderValue = { any?: string; it?: string; en?: string };
export type PlaceholderValues = ReadonlyMap<string, PlaceholderValue>;

/** The value shown in `locale`, or null when there is none. */
export function valueFor(p: Placeholder, values: PlaceholderValues, locale: TextLocale): string | null {
  const v = values.get(p.key);
  const text = p.perLanguage ? v?.[locale] : v?.any;
  return text && text.trim() !== "" ? text : null;
}

export function tokensIn(text: string): string[] {
  return [...text.matchAll(TOKEN_RE)].map((m) => m[0]);
}

/**
 * Replaces every declared token of `locale` with its value. Tokens that are not declared, or
 * have no value, stay in the text and are reported: the caller must not show such a text.
 */
export function fillText(text: string, locale: TextLocale, placeholders: readonly Placeholder[], values: PlaceholderValues): { text: string; missing: string[] } {
  const byToken = new Map(placeholders.map((p) => [p.token[locale], p]));
  const missing = new Set<string>();
  const filled = text.replace(TOKEN_RE, (token) => {
    const p = byToken.get(token);
    const value = p ? valueFor(p, values, locale) : null;
    if (value === null) {
      missing.add(p ? p.key : token);
      return token;
    }
    return value;
  });
  return { text: filled, missing: [...missing] };
}

/** A document as the policy and notice files hold it, one language. */
export type TextDocument = { title: string; intro?: string; sections: { heading: string; body: string }[]; acknowledge: string };

export type FilledDocument = { ok: true; doc: TextDocument; hash: string } | { ok: false; missing: string[] };

/** Fills a whole document; `hash` (SHA-256 of the filled text) identifies exactly what was shown. */
export function fillDocument(doc: TextDocument, locale: TextLocale, placeholders: readonly Placeholder[], values: PlaceholderValues): FilledDocument {
  const missing = new Set<string>();
  const f = (s: string) => {
    const r = fillText(s, locale, placeholders, values);
    r.missing.forEach((m) => missing.add(m));
    return r.text;
  };
  const filled: TextDocument = {
    title: f(doc.title),
    ...(doc.intro !== undefined ? { intro: f(doc.intro) } : {}),
    sections: doc.sections.map((s) => ({ heading: f(s.heading), body: f(s.body) })),
    acknowledge: f(doc.acknowledge),
  };
  if (missing.size) return { ok: false, missing: [...missing] };
  return { ok: true, doc: filled, hash: createHash("sha256").update(JSON.stringify(filled)).digest("hex") };
}

/** Problems of a document's own declarations: tokens used but not declared, declared but unused. */
export function placeholderProblems(doc: Record<TextLocale, TextDocument>, placeholders: readonly Placeholder[]): { undeclared: { locale: TextLocale; token: string }[]; unused: string[] } {
  const undeclared: { locale: TextLocale; token: string }[] = [];
  const used = new Set<string>();
  for (const locale of TEXT_LOCALES) {
    const declared = new Map(placeholders.map((p) => [p.token[locale], p.key]));
    const d = doc[locale];
    for (const s of [d.title, d.intro ?? "", d.acknowledge, ...d.sections.flatMap((x) => [x.heading, x.body])]) {
      for (const token of tokensIn(s)) {
        const key = declared.get(token);
        if (key) used.add(key);
        else if (!undeclared.some((u) => u.locale === locale && u.token === token)) undeclared.push({ locale, token });
      }
    }
  }
  return { undeclared, unused: placeholders.filter((p) => !used.has(p.key)).map((p) => p.key) };
}
