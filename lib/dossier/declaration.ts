import { z } from "zod";
import { fillText, TOKEN_RE, tokensIn, type Placeholder, type PlaceholderValues } from "@/lib/texts/placeholders";
import { period, seat } from "./format";
import type { PlanDossierInput } from "./types";

/**
 * The dichiarazione sostitutiva (D.P.R. 445/2000, artt. 46–47) the company's legal
 * representative signs: a template in `content/declaration/declaration.yaml` that trainers may
 * reword, with `[PLACEHOLDERS]` declared at the top of the file and filled from the plan, the
 * company and the registers. Pure: the caller reads the file and gives the dossier's data.
 *
 * Placeholders follow the policy's and the privacy notice's rules (lib/texts/placeholders.ts:
 * same token syntax, same filling function), with one difference: every value comes from the
 * records (`from`), none is typed by an admin, because the declaration states facts the
 * registers must prove. A template with an undeclared token or an empty pair of brackets fails
 * `content:check`; a declaration whose values are not all known is never printed (`fillDeclaration`
 * answers with what is missing).
 */

/** Where a placeholder's value comes from. */
export const DECLARATION_FIELDS = [
  "company.name",
  "company.taxCode",
  "company.inpsNumber",
  "company.seat",
  "company.city",
  "company.legalRepresentative",
  "plan.fund",
  "plan.avviso",
  "plan.title",
  "plan.protocol",
  "plan.projectTitle",
  "plan.cup",
  "plan.period",
  "plan.courses",
  "dossier.participants",
  "dossier.trained",
  "dossier.plannedHours",
  "dossier.attendedHours",
] as const;
export type DeclarationField = (typeof DECLARATION_FIELDS)[number];

const text = z.string().trim().min(1, { error: "must not be empty" });
const TokenSchema = z.string().regex(new RegExp(`^${TOKEN_RE.source}$`), { error: "must be an upper-case word or phrase in square brackets, e.g. [RAGIONE SOCIALE]" });

export const DeclarationPlaceholderSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/, { error: "must be lower_snake_case, e.g. legal_representative" }),
  token: TokenSchema,
  label: text,
  from: z.enum(DECLARATION_FIELDS, { error: `must be one of: ${DECLARATION_FIELDS.join(", ")}` }),
});
export type DeclarationPlaceholder = z.infer<typeof DeclarationPlaceholderSchema>;

/** A statement after "DICHIARA"; an optional one is left out when one of its placeholders has no value. */
const StatementSchema = z.union([text, z.strictObject({ text, optional: z.boolean({ error: "must be true or false" }).default(false) })], {
  error: "must be a text, or an object with text and optional",
});

export const DeclarationSchema = z.strictObject({
  version: z.string({ error: "must be text: put it in quotes" }).trim().min(1),
  placeholders: z.array(DeclarationPlaceholderSchema).superRefine((list, ctx) => {
    const keys = new Set<string>();
    const tokens = new Set<string>();
    list.forEach((p, i) => {
      if (keys.has(p.key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: `duplicate placeholder key "${p.key}"` });
      if (tokens.has(p.token)) ctx.addIssue({ code: "custom", path: [i, "token"], message: `duplicate placeholder token ${p.token}` });
      keys.add(p.key);
      tokens.add(p.token);
    });
  }),
  title: text,
  subtitle: text.optional(),
  addressee: text.optional(),
  intro: text,
  /** The art. 76 warning (and art. 75) the declarant is aware of. */
  warning: text,
  declare: text,
  statements: z.array(StatementSchema).min(1, { error: "must list at least one statement" }),
  participantsHeading: text,
  closing: text.optional(),
  place: text,
  signature: text,
});
export type DeclarationTemplate = z.infer<typeof DeclarationSchema>;

/** The template's texts, each with its YAML path (for content:check positions). */
export function templateTexts(t: DeclarationTemplate): { path: (string | number)[]; text: string }[] {
  const out: { path: (string | number)[]; text: string }[] = [];
  for (const key of ["title", "subtitle", "addressee", "intro", "warning", "declare", "participantsHeading", "closing", "place", "signature"] as const) {
    const v = t[key];
    if (v !== undefined) out.push({ path: [key], text: v });
  }
  t.statements.forEach((s, i) => out.push({ path: ["statements", i], text: typeof s === "string" ? s : s.text }));
  return out;
}

/** Square brackets that are not a valid token (`[]`, `[ ]`, `[ragione sociale]`): a blank a reader would have to fill by hand. */
const BRACKETS_RE = /\[[^\]\n]*\]/g;

export type DeclarationProblem =
  | { kind: "undeclared"; token: string; path: (string | number)[] }
  | { kind: "blank"; token: string; path: (string | number)[] }
  | { kind: "unused"; key: string };

/** Tokens used but not declared, brackets that are not tokens, placeholders declared but never used. */
export function declarationProblems(t: DeclarationTemplate): DeclarationProblem[] {
  const declared = new Set(t.placeholders.map((p) => p.token));
  const used = new Set<string>();
  const problems: DeclarationProblem[] = [];
  for (const { path, text } of templateTexts(t)) {
    for (const token of tokensIn(text)) {
      if (declared.has(token)) used.add(token);
      else problems.push({ kind: "undeclared", token, path });
    }
    for (const m of text.matchAll(BRACKETS_RE)) {
      if (!new RegExp(`^${TOKEN_RE.source}$`).test(m[0])) problems.push({ kind: "blank", token: m[0], path });
    }
  }
  for (const p of t.placeholders) if (!used.has(p.token)) problems.push({ kind: "unused", key: p.key });
  return problems;
}

const hours = (seconds: number) => (Math.floor(seconds / 36) / 100).toFixed(2).replace(".", ",");

/** Every field's value for this dossier; null when the records do not have it. */
export function declarationFieldValues(input: PlanDossierInput): Record<DeclarationField, string | null> {
  const participants = input.courses.flatMap((c) => c.participants);
  const planned = input.courses.reduce((s, c) => s + c.course.plannedMinutes * 60, 0);
  const v = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);
  return {
    "company.name": v(input.company.name),
    "company.taxCode": v(input.company.taxCode),
    "company.inpsNumber": v(input.company.inpsNumber),
    "company.seat": v(seat(input.company)),
    "company.city": v(input.company.city),
    "company.legalRepresentative": v(input.company.legalRepresentative),
    "plan.fund": input.plan.funded ? v(input.plan.fund) : null,
    "plan.avviso": v(input.plan.avviso),
    "plan.title": v(input.plan.title),
    "plan.protocol": v(input.plan.protocol),
    "plan.projectTitle": v(input.plan.projectTitle),
    "plan.cup": v(input.plan.cup),
    "plan.period": input.plan.startsOn && input.plan.endsOn ? period(input.plan) : null,
    "plan.courses": v(input.courses.map((c) => `«${c.course.title}» (versione ${c.course.version})`).join(", ")),
    // People, not participations: a worker with two cycles in the plan is one worker.
    "dossier.participants": String(new Set(participants.map((p) => p.userId)).size),
    "dossier.trained": String(new Set(participants.filter((p) => p.status === "formato").map((p) => p.userId)).size),
    "dossier.plannedHours": planned > 0 ? hours(planned) : null,
    "dossier.attendedHours": hours(participants.reduce((s, p) => s + p.activeSeconds, 0)),
  };
}

export type FilledDeclaration = Omit<DeclarationTemplate, "placeholders" | "statements"> & { statements: string[] };

/** A value the template needs and the records do not have; `from` says where it is entered (the company's record or the plan). */
export type MissingField = { key: string; token: string; label: string; from: DeclarationField | null };

export type DeclarationOutcome = { ok: true; doc: FilledDeclaration } | { ok: false; missing: MissingField[] };

/**
 * The template with every placeholder filled. Refuses (with what is missing) when a token used
 * outside an optional statement has no value or is not declared: a declaration with a blank is
 * never printed.
 */
export function fillDeclaration(t: DeclarationTemplate, input: PlanDossierInput): DeclarationOutcome {
  const fields = declarationFieldValues(input);
  const placeholders: Placeholder[] = t.placeholders.map((p) => ({
    key: p.key,
    token: { it: p.token, en: p.token },
    label: { it: p.label, en: p.label },
    input: "line",
    perLanguage: false,
  }));
  const values: PlaceholderValues = new Map(t.placeholders.flatMap((p) => (fields[p.from] === null ? [] : [[p.key, { any: fields[p.from]! }] as const])));
  const missing = new Set<string>();
  const fill = (s: string, collect = true) => {
    const r = fillText(s, "it", placeholders, values);
    if (collect) r.missing.forEach((m) => missing.add(m));
    return r;
  };
  const one = (s: string | undefined) => (s === undefined ? undefined : fill(s).text);
  const statements: string[] = [];
  for (const s of t.statements) {
    const statement = typeof s === "string" ? { text: s, optional: false } : s;
    const r = fill(statement.text, !statement.optional);
    if (r.missing.length === 0) statements.push(r.text);
  }
  const doc: FilledDeclaration = {
    version: t.version,
    title: one(t.title)!,
    subtitle: one(t.subtitle),
    addressee: one(t.addressee),
    intro: one(t.intro)!,
    warning: one(t.warning)!,
    declare: one(t.declare)!,
    statements,
    participantsHeading: one(t.participantsHeading)!,
    closing: one(t.closing),
    place: one(t.place)!,
    signature: one(t.signature)!,
  };
  if (missing.size) {
    const byKey = new Map(t.placeholders.map((p) => [p.key, p]));
    return { ok: false, missing: [...missing].map((k) => ({ key: k, token: byKey.get(k)?.token ?? k, label: byKey.get(k)?.label ?? "segnaposto non dichiarato", from: byKey.get(k)?.from ?? null })) };
  }
  return { ok: true, doc };
}

