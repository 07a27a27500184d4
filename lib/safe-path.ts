/**
 * A same-site path to redirect to, or the fallback. Rejects absolute URLs, protocol-relative
 * `//host` and backslash tricks, so no redirect parameter can send a user to another site.
 */
export function safeLocalPath(candidate: string | null | undefined, fallback = "/"): string {
  if (!candidate || typeof candidate !== "string") return fallback;
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.includes("\\")) return fallback;
  if (/[\u0000-\u001f]/.test(candidate)) return fallback;
  return candidate;
}

/** The path and query of a Referer header when it points at this site. */
export function pathFromReferer(referer: string | null, host: string | null): string | null {
  if (!referer || !host) return null;
  try {
    const url = new URL(referer);
    return url.host === host ? url.pathname + url.search : null;
  } catch {
    return null;
  }
}
