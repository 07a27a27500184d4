/**
 * Italian elides articles and prepositions before a word that starts with a vowel sound, and
 * numbers are read aloud: "l'80%", "l'11 dicembre", "dall'8 marzo", but "il 3 gennaio". Messages
 * that put an article before a number take an `elide` argument ("yes"/"no") and choose the
 * form with an ICU select, e.g. `entro {elide, select, yes {l''} other {il }}{date}`; English
 * messages simply ignore it.
 */

import { TIME_ZONE } from "@/lib/dates";

/** Does the Italian reading of `n` (its whole part) start with a vowel sound? */
export function startsWithVowelSound(n: number): boolean {
  const whole = Math.floor(Math.abs(n));
  if (whole >= 1_000_000) {
    // "un milione", "otto milioni", "undici milioni", "ottanta milioni"…
    const millions = Math.floor(whole / 1_000_000);
    return millions === 1 || startsWithVowelSound(millions);
  }
  // "mille" (1000–1999) starts with a consonant; "ottomila", "undicimila", "ottantamila" do not.
  if (whole >= 1000) return whole >= 2000 && belowThousand(Math.floor(whole / 1000));
  return belowThousand(whole);
}

function belowThousand(n: number): boolean {
  if (n >= 100) return Math.floor(n / 100) === 8; // "ottocento"; "cento", "duecento"… do not
  return n === 1 || n === 8 || n === 11 || (n >= 80 && n <= 89);
}

/** The `elide` argument for a message whose article stands before `n`. */
export function elide(n: number): "yes" | "no" {
  return startsWithVowelSound(n) ? "yes" : "no";
}

/** The `elide` argument for a date shown as "11 dicembre 2026" (the day of the month is read first). */
export function elideDay(date: Date, timeZone = TIME_ZONE): "yes" | "no" {
  const day = Number(new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric" }).format(date));
  return elide(day);
}

/** The `elide` argument for a calendar day `YYYY-MM-DD` (due dates). */
export function elideIsoDay(iso: string): "yes" | "no" {
  return elide(Number(iso.slice(8, 10)));
}
