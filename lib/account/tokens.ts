import { createHash, randomBytes } from "node:crypto";
import type { TokenPurpose } from "@/db/queries/tokens";
import { env } from "@/lib/env";

export type { TokenPurpose };

/** 32 random bytes, base64url: 43 characters, 256 bits. */
export const TOKEN_BYTES = 32;
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const RESET_TTL_MS = 60 * 60 * 1000;

export function ttlFor(purpose: TokenPurpose): number {
  return purpose === "invite" ? INVITE_TTL_MS : RESET_TTL_MS;
}

export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

/** What is stored: the SHA-256 of the token (hex). A stolen database holds no usable link. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Cheap shape check before any lookup (URLs are typed by people and by scanners). */
export function isWellFormedToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}

/** The site's public origin: PUBLIC_BASE_URL, else AUTH_URL (without Auth.js's own path), else local. */
export function siteOrigin(): string {
  const e = env();
  const base = e.PUBLIC_BASE_URL ?? e.AUTH_URL?.replace(/\/api\/auth\/?$/, "") ?? `http://localhost:${e.PORT}`;
  return base.replace(/\/+$/, "");
}

export const LINK_PATHS: Record<TokenPurpose, string> = { invite: "/invite", reset: "/reset-password" };

/** `${PUBLIC_BASE_URL ?? AUTH_URL}/invite/<token>` or `/reset-password/<token>`. */
export function accountLink(purpose: TokenPurpose, token: string, origin = siteOrigin()): string {
  return `${origin}${LINK_PATHS[purpose]}/${token}`;
}
