/**
 * The client address as the nearest hop saw it. Next fills `x-forwarded-for` from the
 * socket when the client sent none; a reverse proxy appends the address it saw. Taking the
 * last entry is therefore right behind one proxy and directly; a client talking to Next
 * directly can still forge it, which only weakens the per-IP limit — the per-account one
 * does not depend on it (see README, Reliability and security).
 */
export function clientIp(headers: Headers): string {
  const xff = headers.get("x-forwarded-for");
  const last = xff?.split(",").map((s) => s.trim()).filter(Boolean).pop();
  return (last || headers.get("x-real-ip") || "unknown").slice(0, 64);
}
