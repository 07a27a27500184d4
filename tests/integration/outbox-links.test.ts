import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAuthSession } from "@/db/queries/auth";
import { createUserIfMissing } from "@/db/queries/users";
import { inviteUser } from "@/lib/account/invite";
import { requestAccountLink } from "@/lib/account/request-link";
import { mayReadLinks, revealLinks } from "@/lib/mail/link-access";
import { hashPassword } from "@/lib/auth/password";
import { openTestDb, type TestDb } from "./support/test-db";

describe("who reads a one-time link waiting in the outbox", () => {
  let t: TestDb;
  let anna: { id: number; sessionId: string };
  let bruno: { id: number; sessionId: string };
  beforeEach(async () => {
    t = await openTestDb();
    const admin = async (email: string, sessionId: string) => {
      const id = (await createUserIfMissing(t, { email, firstName: "A", lastName: "Dmin", passwordHash: null, roles: ["provider_admin"] })).user.id;
      await createAuthSession(t, { id: sessionId, userId: id, ip: null, userAgent: null });
      return { id, sessionId };
    };
    anna = await admin("anna@example.com", "s-anna");
    bruno = await admin("bruno@example.com", "s-bruno");
  });
  afterEach(() => t.close());

  it("the admin who sent an invitation reads its link; another admin only after asking, in that session, recorded", async () => {
    const carla = (await createUserIfMissing(t, { email: "carla@example.com", firstName: "Carla", lastName: "Nuova", passwordHash: null, roles: ["learner"] })).user.id;
    const invite = await inviteUser(t, carla, { invitedBy: anna.id, sessionId: anna.sessionId });
    if (!invite.ok) throw new Error(invite.error);
    expect(await mayReadLinks(t, invite.outboxId, anna)).toBe(true);
    expect(await mayReadLinks(t, invite.outboxId, bruno)).toBe(false);
    await revealLinks(t, { id: invite.outboxId, kind: "invite", userId: carla }, bruno);
    expect(await mayReadLinks(t, invite.outboxId, bruno)).toBe(true);
    expect(await mayReadLinks(t, invite.outboxId, { ...bruno, sessionId: "s-bruno-tomorrow" })).toBe(false);
    const events = await t.all("SELECT actor_user_id AS actor, subject FROM audit_events WHERE type = 'outbox.link-reveal'");
    expect(events).toEqual([{ actor: bruno.id, subject: `outbox:${invite.outboxId}` }]);
  });

  it("a reset link the person asked for is hidden from every admin until asked for", async () => {
    await createUserIfMissing(t, { email: "dario@example.com", firstName: "Dario", lastName: "Reset", passwordHash: await hashPassword("una password lunga"), roles: ["learner"] });
    const r = await requestAccountLink(t, { email: "dario@example.com", ip: "192.0.2.1" });
    if (r.outcome !== "queued") throw new Error(r.outcome);
    expect(await mayReadLinks(t, r.outboxId, anna)).toBe(false);
    expect(await mayReadLinks(t, r.outboxId, bruno)).toBe(false);
  });
});
