/**
 * The password rule for accounts Binomio creates with a password (today the first admin,
 * `ADMIN_PASSWORD`). One rule, in the spirit of NIST SP 800-63B: length over complexity, and a
 * blocklist instead of "one digit, one symbol" recipes.
 *
 * A password is accepted when it
 * 1. has at least {@link MIN_LENGTH} characters (Unicode code points) and at most
 *    {@link MAX_LENGTH} (what the sign-in form accepts) — a phrase of three or four ordinary
 *    words passes, which is the advice we give;
 * 2. is not one of the common passwords in `lib/auth/common-passwords.txt`, compared
 *    case-insensitively and also after removing spaces, `-`, `_` and `.`, digits and symbols
 *    around it ("Juventus1897!" is "juventus"), common letter substitutions ("p@ssw0rd") and
 *    repetitions ("forzainterforzainter");
 * 3. does not contain the e-mail's local part (the part before the @, when it has at least
 *    3 characters), with or without its separators;
 * 4. is not trivially repetitive: at least {@link MIN_DISTINCT} different characters, and not a
 *    run of a keyboard or alphabet sequence ("1234567890123", "qwertyuiopas").
 *
 * The demo password `binomio-demo` is outside this rule on purpose: only the demo seed uses
 * it, and nothing checks it.
 */
import fs from "node:fs";
import path from "node:path";
import type { PasswordMessageKey } from "./password-messages";

export const MIN_LENGTH = 12;
export const MAX_LENGTH = 1024;
export const MIN_DISTINCT = 5;

export type PasswordCheck = { ok: true } | { ok: false; issues: PasswordMessageKey[] };

const DEFAULT_LIST = () => path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "auth", "common-passwords.txt");

const lists = new Map<string, ReadonlySet<string>>();

/** The blocklist (one lower-case password a line; blank lines and `#` comments ignored), read once per file. */
export function commonPasswords(file = DEFAULT_LIST()): ReadonlySet<string> {
  let set = lists.get(file);
  if (!set) {
    const entries = fs
      .readFileSync(file, "utf8")
      .split(/\r?\n/)
      .map((l) => normalise(l.trim()))
      .filter((l) => l && !l.startsWith("#"));
    set = new Set(entries);
    lists.set(file, set);
  }
  return set;
}

function normalise(s: string): string {
  return s.normalize("NFKC").toLowerCase();
}

/** Spaces and the usual separators removed: "forza inter" and "forza-inter" are "forzainter". */
function compact(s: string): string {
  return s.replace(/[\s\-_.]+/gu, "");
}

/** Digits and symbols around the letters removed: "2024juventus!!" is "juventus". */
function core(s: string): string {
  return s.replace(/^[^\p{L}]+/u, "").replace(/[^\p{L}]+$/u, "");
}

const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s", "!": "i" };

function unleet(s: string): string {
  return s.replace(/[013457@$!]/g, (c) => LEET[c]!);
}

/** "abcabcabc" → "abc"; otherwise the string itself. */
function unrepeat(s: string): string {
  for (let size = 1; size <= s.length / 2; size++) {
    if (s.length % size === 0 && s.slice(0, size).repeat(s.length / size) === s) return s.slice(0, size);
  }
  return s;
}

const SEQUENCES = [
  "01234567890123456789012345678901234567890",
  "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
  "qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnm",
  "qwertzuiopasdfghjklyxcvbnm",
  "azertyuiopqsdfghjklmwxcvbn",
  "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
  "1q2w3e4r5t6y7u8i9o0p",
  "qazwsxedcrfvtgbyhnujmikolp",
];

function isSequence(s: string): boolean {
  return SEQUENCES.some((seq) => seq.includes(s) || [...seq].reverse().join("").includes(s));
}

/**
 * Checks a new password against the rule above.
 *
 * @param input.email the account's e-mail, when known (its local part may not appear in the password)
 * @param input.listFile another blocklist file (tests)
 * @returns `{ ok: true }`, or every broken rule as a message key (see `password-messages.ts`)
 */
export function checkPassword(password: string, input: { email?: string | null; listFile?: string } = {}): PasswordCheck {
  if (password.length > MAX_LENGTH) return { ok: false, issues: ["password.tooLong"] };
  const issues: PasswordMessageKey[] = [];
  if ([...password].length < MIN_LENGTH) issues.push("password.tooShort");

  const lower = normalise(password);
  const packed = compact(lower);
  const letters = core(packed);
  const list = commonPasswords(input.listFile);
  const candidates = [lower, packed, letters, unleet(letters), unrepeat(packed), unrepeat(letters), unrepeat(unleet(letters))];
  if (candidates.some((c) => c && list.has(c))) issues.push("password.common");

  const local = normalise((input.email ?? "").split("@")[0]!.trim());
  if (local.length >= 3 && (lower.includes(local) || packed.includes(compact(local)))) issues.push("password.containsEmail");

  if (new Set(packed).size < MIN_DISTINCT || isSequence(packed)) issues.push("password.tooSimple");
  return issues.length ? { ok: false, issues } : { ok: true };
}
