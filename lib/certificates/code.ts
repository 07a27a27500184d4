import { randomBytes } from "node:crypto";

/** Crockford's base-32 alphabet: no I, L, O, U, so codes read aloud or typed from paper survive. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const GROUPS = 4;
const GROUP_LENGTH = 4;

/**
 * A certificate code: 16 base-32 characters (80 random bits) in groups of four,
 * e.g. `7KQ2-M9XD-4TZB-W1HC`. Unguessable: 2^80 codes for at most thousands issued.
 */
export function newCertificateCode(): string {
  const bytes = randomBytes(10); // 80 bits → exactly 16 characters of 5 bits
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let chars = "";
  for (let i = GROUPS * GROUP_LENGTH - 1; i >= 0; i--) chars += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return chars.match(new RegExp(`.{${GROUP_LENGTH}}`, "g"))!.join("-");
}

/** Normalises what someone typed or scanned: upper case, O→0, I/L→1, any separators. Null when it cannot be a code. */
export function normaliseCertificateCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (compact.length !== GROUPS * GROUP_LENGTH || [...compact].some((c) => !ALPHABET.includes(c))) return null;
  return compact.match(new RegExp(`.{${GROUP_LENGTH}}`, "g"))!.join("-");
}
