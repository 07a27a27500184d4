import "server-only";
import { timingSafeEqual } from "node:crypto";
import type { Engine } from "@/db/engine/types";
import { getCompanyById } from "@/db/queries/company-texts";
import { findScimToken, upsertScimToken } from "@/db/queries/scim";
import { hashToken, newToken } from "@/lib/account/tokens";
import { appendAuditEvent } from "@/lib/audit/trail";
import { StoredWindowLimit } from "@/lib/account/rate-limit";

/** Prefix of every SCIM token: recognisable in a secret scanner or a misplaced paste. */
export const SCIM_TOKEN_PREFIX = "scim_";
/** `scim_` + 43 base64url characters (32 random bytes). */
const SCIM_TOKEN_SHAPE = /^scim_[A-Za-z0-9_-]{43}$/;

export type CreatedScimToken = { token: string; replaced: boolean };

/**
 * Creates the company's SCIM token, replacing the previous one (which stops working at once).
 * Only its SHA-256 is stored; the token is returned once, to be shown once. Audited as
 * `scim.token-create` (who, how, whether it replaced one — never the token).
 * @returns null when the company does not exist
 */
export async function createScimToken(d: Engine, companyId: number, by: { userId: number | null; via: "panel" | "command" }, now = new Date()): Promise<CreatedScimToken | null> {
  return d.write(async () => {
    if (!await getCompanyById(d, companyId)) return null;
    const token = SCIM_TOKEN_PREFIX + newToken();
    const { replaced } = await upsertScimToken(d, companyId, hashToken(token), by.userId, now);
    await appendAuditEvent(d, { type: "scim.token-create", actorUserId: by.userId, subject: `company:${companyId}`, data: { companyId, via: by.via, replaced }, at: now });
    return { token, replaced };
  });
}

/**
 * Failed token checks per client address (a wrong or malformed `Authorization` header; none at
 * all is not counted), in SQLite so the limit holds across app processes: past 20 in a sliding
 * minute the address is refused (429) before any lookup. Tokens carry 256 random bits, so this
 * is not what keeps them safe; it keeps a scanner from using the endpoint as a free oracle and
 * from filling the logs.
 */
const failures = new StoredWindowLimit("scim-token-failure", 20, 60_000);

export type ScimAuth = { ok: true; companyId: number } | { ok: false; status: 401 | 429 };

/**
 * The company of a request, from its `Authorization: Bearer <token>` header alone (a session
 * cookie authorizes nothing here). The token is looked up by its SHA-256 — the lookup's timing
 * depends on the hash, never on how much of a guess was right — and the stored hash is compared
 * again in constant time.
 */
export async function authenticateScim(d: Engine, authorization: string | null, ip: string, now = Date.now()): Promise<ScimAuth> {
  if (await failures.reached(d, ip, now)) return { ok: false, status: 429 };
  // No credentials at all is not a guess (a browser, a health check): refused without counting.
  if (!authorization) return { ok: false, status: 401 };
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
  const token = match?.[1];
  if (token && SCIM_TOKEN_SHAPE.test(token)) {
    const hash = hashToken(token);
    const row = await findScimToken(d, hash);
    if (row && timingSafeEqual(Buffer.from(row.tokenHash, "hex"), Buffer.from(hash, "hex"))) return { ok: true, companyId: row.companyId };
  }
  await failures.hit(d, ip, now);
  return { ok: false, status: 401 };
}

/** For tests: forget every failure counted so far. */
export async function resetScimThrottle(d: Engine): Promise<void> {
  await failures.clear(d);
}
