/**
 * Codici fiscali for the benchmark's synthetic learners, built the way the Agenzia delle
 * Entrate does (surname and name letters, birth date and sex, Belfiore place code, check
 * character), so they pass `lib/validation/fiscal-code.ts` like real ones. Pure module.
 */

const MONTH_LETTERS = "ABCDEHLMPRST";
const VOWELS = new Set(["A", "E", "I", "O", "U"]);

/** Odd-position (1st, 3rd, …) values of the check-character table; even positions use 0–25/0–9. */
const ODD: Record<string, number> = {
  "0": 1, "1": 0, "2": 5, "3": 7, "4": 9, "5": 13, "6": 15, "7": 17, "8": 19, "9": 21,
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18,
  N: 20, O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
};

/** Upper-case A–Z only: accents folded (Niccolò → NICCOLO), apostrophes and spaces dropped. */
export function lettersOnly(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/[^A-Z]/g, "");
}

function split(s: string): { consonants: string[]; vowels: string[] } {
  const letters = [...lettersOnly(s)];
  return { consonants: letters.filter((c) => !VOWELS.has(c)), vowels: letters.filter((c) => VOWELS.has(c)) };
}

/** Three letters for the surname: consonants, then vowels, then X. */
export function surnameCode(surname: string): string {
  const { consonants, vowels } = split(surname);
  return [...consonants, ...vowels, "X", "X", "X"].slice(0, 3).join("");
}

/** Three letters for the name: with four or more consonants the 1st, 3rd and 4th; else as the surname. */
export function nameCode(name: string): string {
  const { consonants, vowels } = split(name);
  if (consonants.length >= 4) return consonants[0]! + consonants[2]! + consonants[3]!;
  return [...consonants, ...vowels, "X", "X", "X"].slice(0, 3).join("");
}

/** The 16th character of a codice fiscale from its first 15. */
export function checkCharacter(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = first15[i]!;
    // Positions are counted from 1: index 0 is an odd position.
    sum += i % 2 === 0 ? ODD[c]! : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 65;
  }
  return String.fromCharCode(65 + (sum % 26));
}

export type Person = { firstName: string; lastName: string; sex: "M" | "F"; birth: { year: number; month: number; day: number }; place: string };

/** A complete codice fiscale (no omocodia) for a person born in an Italian municipality. */
export function fiscalCode(p: Person): string {
  const day = p.birth.day + (p.sex === "F" ? 40 : 0);
  const first15 =
    surnameCode(p.lastName) +
    nameCode(p.firstName) +
    String(p.birth.year % 100).padStart(2, "0") +
    MONTH_LETTERS[p.birth.month - 1]! +
    String(day).padStart(2, "0") +
    p.place;
  return first15 + checkCharacter(first15);
}

/** Belfiore codes of municipalities that existed throughout the birth years we generate (1960–2004). */
export const BIRTH_PLACES = [
  "F205", // Milano
  "H501", // Roma
  "L219", // Torino
  "F839", // Napoli
  "A944", // Bologna
  "D612", // Firenze
  "G273", // Palermo
  "L736", // Venezia
  "D969", // Genova
  "C351", // Catania
  "A662", // Bari
  "L781", // Verona
  "B157", // Brescia
  "G224", // Padova
  "A794", // Bergamo
  "E506", // Lecce
  "H703", // Salerno
  "L424", // Trieste
] as const;
