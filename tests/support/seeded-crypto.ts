/**
 * TEST SUPPORT ONLY: `node:crypto` with its random sources replaced by a seeded, repeatable
 * stream (SHA-256 of a counter), for golden files of data that would otherwise carry random
 * certificate codes, quiz draws and session ids. Hashing is untouched. Use it as
 * `vi.mock("node:crypto", async (original) => (await import("…/seeded-crypto")).seededCrypto(await original()))`.
 */
import type * as Crypto from "node:crypto";

export function seededCrypto(real: typeof Crypto, seed = "binomio"): typeof Crypto {
  let counter = 0;
  const next = (n: number): Buffer => {
    const chunks: Buffer[] = [];
    for (let have = 0; have < n; have += 32) chunks.push(real.createHash("sha256").update(`${seed}:${counter++}`).digest());
    return Buffer.concat(chunks).subarray(0, n);
  };
  const randomInt = (a: number, b?: number): number => {
    const [min, max] = b === undefined ? [0, a] : [a, b];
    return min + (next(6).readUIntBE(0, 6) % (max - min));
  };
  const randomUUID = (): string => {
    const h = next(16).toString("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  const randomBytes = (n: number) => next(n);
  return { ...real, default: { ...real, randomBytes, randomInt, randomUUID }, randomBytes, randomInt, randomUUID } as unknown as typeof Crypto;
}
