import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { authSecret } from "@/lib/auth/secret";

/**
 * Encryption of the SSO client secrets at rest: AES-256-GCM with a key derived by HKDF-SHA256
 * from SSO_SECRET_KEY when set, else from AUTH_SECRET (a separate `info` keeps it apart from
 * Auth.js's own keys). Stored as `v1.<iv>.<tag>.<ciphertext>`, base64url; the company id is the
 * additional data, so a secret copied onto another company's row does not decrypt.
 */
const VERSION = "v1";

function key(): Buffer {
  const ikm = env().SSO_SECRET_KEY ?? authSecret();
  return Buffer.from(hkdfSync("sha256", ikm, "binomio-sso", "binomio sso client secret v1", 32));
}

export function sealSecret(plain: string, companyId: number): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(`company:${companyId}`));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** The plaintext, or null when the value was sealed with another key or altered. */
export function openSecret(sealed: string, companyId: number): string | null {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(`company:${companyId}`));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
