import fs from "node:fs";
import path from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { elide } from "./elision";
import { englishWords, numberSlips, unfilledPlaceholders } from "./text-checks";

/**
 * Every message of every catalogue (lib/i18n/messages/*.json, both languages) is rendered with
 * the numbers and dates that trip Italian grammar — 1, 8, 11, 80 and the 1st, 8th and 11th of a
 * month — the way next-intl renders it (intl-messageformat), and the output is checked for
 * "1 risposte", "il 80%", "al 11 dicembre", "1 answers"…: a count needs an ICU `plural`, and an
 * article before a number or a date that may start with a vowel needs rewording.
 */

type Locale = "it" | "en";
const DIR = path.join(__dirname, "messages");

function catalogue(locale: Locale): Map<string, string> {
  const files = fs.readdirSync(DIR).filter((f) => f === `${locale}.json` || f.endsWith(`.${locale}.json`));
  const messages = new Map<string, string>();
  const flatten = (node: unknown, prefix: string) => {
    if (typeof node === "string") messages.set(prefix, node);
    else for (const [k, v] of Object.entries(node as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k);
  };
  for (const f of files) flatten(JSON.parse(fs.readFileSync(path.join(DIR, f), "utf8")), "");
  return messages;
}

type Argument = { name: string; kind: "number" | "date" | "text" | "select" | "tag"; options?: string[] };

/** intl-messageformat's element types: 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural, 8 tag. */
type Element = { type: number; value?: string; options?: Record<string, { value: Element[] }>; children?: Element[] };

/** Arguments whose name says they hold text (a name, a title, a reason), not a number or a date. */
const TEXT_ARGUMENTS = /^(code|column|company|course|department|email|emails|error|field|fields|language|name|outcome|reason|title|value|version|subject|url|link|lesson|role|file)$/;
const DATE_ARGUMENTS = /^(date|due|expires|time|day|when|since|until)$|(Date|At|On|Time|Day)$/;

function argumentsOf(elements: Element[], out = new Map<string, Argument>()): Map<string, Argument> {
  for (const el of elements) {
    const name = el.value;
    if (el.type === 1 && name) out.set(name, { name, kind: TEXT_ARGUMENTS.test(name) ? "text" : DATE_ARGUMENTS.test(name) ? "date" : "number" });
    if ((el.type === 2 || el.type === 6) && name) out.set(name, { name, kind: "number" });
    if ((el.type === 3 || el.type === 4) && name) out.set(name, { name, kind: "date" });
    if (el.type === 5 && name) out.set(name, { name, kind: "select", options: Object.keys(el.options ?? {}) });
    if (el.type === 8 && name) out.set(name, { name, kind: "tag" });
    for (const option of Object.values(el.options ?? {})) argumentsOf(option.value, out);
    if (el.children) argumentsOf(el.children, out);
  }
  return out;
}

const NUMBERS = [1, 8, 11, 80];
/** The 1st, 8th and 11th of a month, and the 1st again: a date argument gets one per rendering. */
const DATES = [new Date("2026-12-01T10:00:00Z"), new Date("2027-03-08T10:00:00Z"), new Date("2026-12-11T10:00:00Z"), new Date("2026-12-01T10:00:00Z")];
/** The ways the app passes a date already formatted: "1 dicembre 2026" (long) and "1/12/26, 11:00" (short). */
const dateText = (d: Date, locale: Locale, i: number) =>
  new Intl.DateTimeFormat(locale, i % 2 ? { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Rome" } : { dateStyle: "long", timeZone: "Europe/Rome" }).format(d);

/** One rendering per sample (and per option of the widest select), each argument filled by its kind. */
function renderings(message: string, locale: Locale): { values: Record<string, unknown>; output: string }[] {
  const format = new IntlMessageFormat(message, locale);
  const args = [...argumentsOf(format.getAst() as unknown as Element[]).values()];
  const count = Math.max(NUMBERS.length, ...args.map((a) => a.options?.length ?? 0));
  return Array.from({ length: count }, (_, i) => {
    const values: Record<string, unknown> = {};
    // Each number argument gets a different sample in the same rendering ("1 of 8"), so a plural
    // that follows the wrong argument ("a 1 domande su 8") shows.
    let nth = 0;
    for (const a of args) {
      if (a.kind === "number") values[a.name] = NUMBERS[(i + nth++) % NUMBERS.length];
      if (a.kind === "date") values[a.name] = message.includes(`{${a.name},`) ? DATES[i % DATES.length] : dateText(DATES[i % DATES.length]!, locale, i);
      if (a.kind === "text") values[a.name] = locale === "it" ? "Mario Rossi" : "Jane Doe";
      if (a.kind === "select") values[a.name] = a.options![i % a.options!.length];
      if (a.kind === "tag") values[a.name] = (chunks: string[]) => chunks.join("");
    }
    // `elide` is not free: the app derives it from the number or date the article stands before.
    const governed = governedByElide(format.getAst() as unknown as Element[]);
    if (governed && "elide" in values) values.elide = elisionFor(values[governed]);
    const output = format.format(values);
    return { values, output: Array.isArray(output) ? output.join("") : String(output) };
  });
}

/** The argument right after `{elide, select, …}`: the number or date its article stands before. */
function governedByElide(elements: Element[]): string | undefined {
  const i = elements.findIndex((el) => el.type === 5 && el.value === "elide");
  if (i < 0) {
    for (const el of elements) {
      for (const option of Object.values(el.options ?? {})) {
        const found = governedByElide(option.value);
        if (found) return found;
      }
    }
    return undefined;
  }
  return elements[i + 1]?.value;
}

/** What the app passes as `elide` for a value (lib/i18n/elision.ts): read from its leading number. */
function elisionFor(value: unknown): "yes" | "no" {
  if (typeof value === "number") return elide(value);
  if (value instanceof Date) return elide(Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Rome", day: "numeric" }).format(value)));
  const lead = /^\d+/.exec(String(value));
  return lead ? elide(Number(lead[0])) : "no";
}

describe.each(["it", "en"] as const)("the %s catalogues", (locale) => {
  const messages = catalogue(locale);

  it("has messages (the files are found)", () => {
    expect(messages.size).toBeGreaterThan(100);
  });

  it("renders counts and dates without agreement or elision slips (use ICU plural; reword an article before a number)", () => {
    // One line per key and rule, with the first rendering that shows it.
    const slips = new Map<string, string>();
    for (const [key, message] of messages) {
      for (const { values, output } of renderings(message, locale)) {
        for (const s of numberSlips(output, locale)) {
          if (!slips.has(`${key} ${s.rule}`)) slips.set(`${key} ${s.rule}`, `${key}: ${s.rule}: "${s.excerpt}" with ${JSON.stringify(values)}`);
        }
      }
    }
    expect([...slips.values()]).toEqual([]);
  });

  it("has no unfilled template placeholder", () => {
    const found = [...messages].flatMap(([key, m]) => unfilledPlaceholders(m.replace(/\{[A-Za-z_][A-Za-z0-9_]*[},]/g, "")).map((s) => `${key}: ${s.excerpt}`));
    expect(found).toEqual([]);
  });

  if (locale === "it") {
    it("has no English word in the Italian messages", () => {
      const found = [...messages].flatMap(([key, m]) => englishWords(renderings(m, locale)[0]!.output).map((s) => `${key}: ${s.excerpt}`));
      expect(found).toEqual([]);
    });
  }
});
