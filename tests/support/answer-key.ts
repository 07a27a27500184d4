import fs from "node:fs";
import { parse } from "yaml";

/**
 * Tests that answer a quiz as a learner would. The learner's page and the API name options by
 * ids drawn for each attempt (lib/quiz/option-keys.ts), never by the ids in the YAML; so a
 * test that knows the key from the YAML finds the options it wants by their text, as a person
 * reading the page does.
 */

type BankOption = { id: unknown; correct?: boolean; text?: { it: string; en?: string } };
export type BankQuestion = { id: string; type: string; options: BankOption[] };
/** A question as the start API or the page shows it. */
export type ShownQuestion = { id: string; options: { id: string; text: string }[] };

const TRUE_FALSE: Record<string, { it: string; en: string }> = { true: { it: "Vero", en: "True" }, false: { it: "Falso", en: "False" } };

/** The text an option is shown with (true/false options have the app's own labels). */
export function optionText(o: BankOption, locale: "it" | "en" = "it"): string {
  return o.text ? ((locale === "en" ? o.text.en : undefined) ?? o.text.it) : TRUE_FALSE[String(o.id)]![locale];
}

/** A quiz file's questions by id. */
export function readBank(file: string): Map<string, BankQuestion> {
  const doc = parse(fs.readFileSync(file, "utf8")) as { questions: BankQuestion[] };
  return new Map(doc.questions.map((q) => [q.id, q]));
}

/** The texts of a question's right options, or of one wrong option. */
export function keyTexts(q: BankQuestion, which: "right" | "wrong" = "right", locale: "it" | "en" = "it"): string[] {
  const options = which === "right" ? q.options.filter((o) => o.correct === true) : [q.options.find((o) => o.correct !== true)!];
  return options.map((o) => optionText(o, locale));
}

/** The shown ids of the options of `shown` whose text is one of `texts`. */
export function shownIds(shown: ShownQuestion, texts: readonly string[]): string[] {
  const ids = shown.options.filter((o) => texts.includes(o.text)).map((o) => o.id);
  if (ids.length !== texts.length) throw new Error(`question ${shown.id}: could not find ${JSON.stringify(texts)} among the options shown`);
  return ids;
}

/** Answers for every shown question, right (or one wrong option each) according to the bank. */
export function answersFor(shown: readonly ShownQuestion[], bank: ReadonlyMap<string, BankQuestion>, which: (q: ShownQuestion, i: number) => "right" | "wrong" = () => "right", locale: "it" | "en" = "it"): Record<string, string[]> {
  return Object.fromEntries(shown.map((q, i) => [q.id, shownIds(q, keyTexts(bank.get(q.id)!, which(q, i), locale))]));
}
