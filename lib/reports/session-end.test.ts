import { describe, expect, it } from "vitest";
import { INFERRED_LOGOUT_AFTER_SECONDS, SESSION_END_LABELS_IT, sessionEnd } from "./session-end";

const login = 1_000_000;
const now = login + 86_400;

describe("session end for the access log", () => {
  it("uses the idle limit of time crediting (2 min 5 s)", () => {
    expect(INFERRED_LOGOUT_AFTER_SECONDS).toBe(125);
    expect(SESSION_END_LABELS_IT.inferred).toBe("dedotta (ultima attività + 2 min 5 s)");
  });
  it("a sign-out is the logout", () => {
    expect(sessionEnd({ loginAt: login, lastSeenAt: login + 600, endedAt: login + 600, endReason: "sign-out", lastEventAt: login + 300 }, now)).toEqual({
      lastActivityAt: login + 600,
      logoutAt: login + 600,
      kind: "sign-out",
      durationSeconds: 600,
    });
  });
  it("an open session left idle: last activity (heartbeat or audit event) + the idle limit", () => {
    const r = sessionEnd({ loginAt: login, lastSeenAt: login + 100, endedAt: null, endReason: null, lastEventAt: login + 400 }, now);
    expect(r).toEqual({ lastActivityAt: login + 400, logoutAt: login + 525, kind: "inferred", durationSeconds: 525 });
  });
  it("an open session still in use has no logout yet", () => {
    const r = sessionEnd({ loginAt: login, lastSeenAt: now - 30, endedAt: null, endReason: null, lastEventAt: null }, now);
    expect(r).toEqual({ lastActivityAt: now - 30, logoutAt: null, kind: "open", durationSeconds: now - 30 - login });
  });
  it("a system end counts only while the learner was still there", () => {
    const active = sessionEnd({ loginAt: login, lastSeenAt: login + 500, endedAt: login + 560, endReason: "deactivated", lastEventAt: null }, now);
    expect(active).toMatchObject({ logoutAt: login + 560, kind: "deactivated" });
    const long = sessionEnd({ loginAt: login, lastSeenAt: login + 500, endedAt: login + 40_000, endReason: "expired", lastEventAt: null }, now);
    expect(long).toMatchObject({ logoutAt: login + 625, kind: "inferred", durationSeconds: 625 });
  });
  it("never goes below the login", () => {
    expect(sessionEnd({ loginAt: login, lastSeenAt: login - 50, endedAt: null, endReason: null, lastEventAt: null }, now)).toMatchObject({ lastActivityAt: login, logoutAt: login + 125 });
  });
});
