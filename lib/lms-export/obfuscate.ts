/**
 * Keeps the package's course data (questions, feedback, answer keys) out of plain sight: not
 * readable in the HTML, nor as JSON in a file. It is obfuscation, not protection: the key is in
 * the package, because in a package the browser must grade (the host LMS only records). Pure
 * module, used by the exporter (Node) and the runtime (browser): only TextEncoder, btoa/atob.
 */

/** A keystream from `seed` (xorshift32): the same on both sides, cheap, and not a secret. */
function keystream(seed: string): () => number {
  let x = 2166136261;
  for (let i = 0; i < seed.length; i++) x = Math.imul(x ^ seed.charCodeAt(i), 16777619);
  x = x >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x & 0xff;
  };
}

function xor(bytes: Uint8Array, seed: string): Uint8Array {
  const next = keystream(seed);
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = (bytes[i] as number) ^ next();
  return out;
}

/** `value` as JSON, UTF-8, XOR-ed with a keystream from `seed`, in base64. */
export function obfuscate(value: unknown, seed: string): string {
  const bytes = xor(new TextEncoder().encode(JSON.stringify(value)), seed);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The inverse of {@link obfuscate}. */
export function deobfuscate(encoded: string, seed: string): unknown {
  const binary = atob(encoded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return JSON.parse(new TextDecoder().decode(xor(bytes, seed)));
}
