/**
 * How the cue rules read text: one normalisation, one tokeniser, one light stemmer per language
 * and the stop-word lists. Pure module.
 *
 * Normalisation: Unicode NFKD with combining marks removed (so "è" and "e" match), lower case,
 * apostrophes and every character that is not a letter or a digit become a space ("dell'azienda"
 * → "dell", "azienda").
 *
 * A word is **distinctive** when, after stemming, it is not a stop word of its language and is
 * at least `DISTINCTIVE_MIN_LENGTH` characters long: function words ("della", "which") and
 * very short stems carry no cue.
 */
import { DISTINCTIVE_MIN_LENGTH } from "./thresholds";

export type CueLocale = "it" | "en";

/** Lower case, accents and punctuation removed, single spaces. */
export function normalize(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The normalised words of `text`, in order. */
export function words(text: string): string[] {
  const n = normalize(text);
  return n === "" ? [] : n.split(" ");
}

/**
 * A light stemmer: strips one inflectional or derivational ending so that "riservato",
 * "riservata" and "riservati" (or "post", "posts", "posted") compare equal. It does not try
 * to be a full Snowball stemmer: the rules only compare words of the same short texts, where
 * conflating inflections is what matters, and a wrong stem only weakens a match.
 */
export function stem(word: string, locale: CueLocale): string {
  const suffixes = locale === "it" ? IT_SUFFIXES : EN_SUFFIXES;
  for (const [suffix, replacement] of suffixes) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) {
      const base = word.slice(0, -suffix.length) + replacement;
      // Italian plurals in -che/-ghe/-chi/-ghi keep the hard sound: "amiche" → "amic".
      return locale === "it" ? base.replace(/([cg])h$/, "$1") : base;
    }
  }
  return word;
}

/** Longest endings first. */
const IT_SUFFIXES: readonly [string, string][] = [
  ...["amento", "amenti", "imento", "imenti", "azione", "azioni", "zione", "zioni", "mente"].map((s): [string, string] => [s, ""]),
  ...["ando", "endo", "are", "ere", "ire", "ato", "ata", "ati", "ate", "ito", "ita", "iti", "ite", "uto", "uta", "uti", "ute", "ano", "ono"].map((s): [string, string] => [s, ""]),
  ...["a", "e", "i", "o"].map((s): [string, string] => [s, ""]),
];
const EN_SUFFIXES: readonly [string, string][] = [
  ["ingly", ""], ["edly", ""], ["ies", "y"], ["ing", ""], ["ed", ""], ["es", ""], ["ly", ""], ["s", ""],
];

/** The stemmed words of `text`. */
export function stems(text: string, locale: CueLocale): string[] {
  return words(text).map((w) => stem(w, locale));
}

/** The distinctive stems of `text` (see the module comment). */
export function distinctiveStems(text: string, locale: CueLocale): Set<string> {
  const stop = STOP_WORDS[locale];
  const out = new Set<string>();
  for (const w of words(text)) {
    if (stop.has(w)) continue;
    const s = stem(w, locale);
    if (s.length >= DISTINCTIVE_MIN_LENGTH && !stop.has(s)) out.add(s);
  }
  return out;
}

/** Jaccard index of two sets: shared / all; 1 for two empty sets. */
export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Function words, auxiliaries and the commonest verbs and adverbs, already normalised (no
 * accents). Absolute words ("sempre", "never") are deliberately not here: the overlap rule
 * should see them too.
 */
export const STOP_WORDS: Record<CueLocale, ReadonlySet<string>> = {
  it: new Set(
    (
      "a ad al allo ai agli all alla alle con col coi da dal dallo dai dagli dall dalla dalle di del dello dei degli dell della delle " +
      "in nel nello nei negli nell nella nelle su sul sullo sui sugli sull sulla sulle per tra fra " +
      "il lo la i gli le l un uno una e ed o od ma se che chi cui non ne ci vi si mi ti li lui lei loro noi voi io tu egli ella esso essa essi esse " +
      "mio mia miei mie tuo tua tuoi tue suo sua suoi sue nostro nostra nostri nostre vostro vostra vostri vostre " +
      "questo questa questi queste quello quella quelli quelle quel quei quegli cosa come dove quando quale quali quanto quanta quanti quante perche " +
      "anche ancora gia piu meno molto molti molte poco pochi poche tanto troppo cosi poi pero invece oppure quindi allora mentre prima dopo sopra sotto " +
      "essere e sono sei siamo siete era erano fu sara sarebbe sia siano stato stata stati state " +
      "avere ho hai ha abbiamo avete hanno aveva avevano avra avrebbe abbia abbiano avuto " +
      "fare fa fanno fatto puo possono potere deve devono dovere vuole vogliono volere sa sanno stesso stessa stessi stesse " +
      "c qualcosa qualcuno altro altra altri altre tale tali"
    ).split(" "),
  ),
  en: new Set(
    (
      "a an the and or but if then than that this these those there here of to in on at by for with from into onto about over under " +
      "as is are was were be been being am do does did done have has had having can could may might must shall should will would " +
      "it its it's he she they them their theirs his her hers him we us our ours you your yours i me my mine who whom whose which what " +
      "when where why how not no nor so too very just also still yet already more most less least much many some any each other another " +
      "such own same s t d ll re ve don doesn didn isn aren wasn weren won wouldn shouldn can't cannot one ones something someone"
    ).split(" "),
  ),
};
