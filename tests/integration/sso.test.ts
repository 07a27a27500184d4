import http from "node:http";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { insertCompany, replaceCompanyDomains } from "@/db/queries/companies";
import { createUserIfMissing, findUserByEmail, setUserActive } from "@/db/queries/users";
import { getCompanySso } from "@/db/queries/sso";
import { authenticate } from "@/lib/auth/authenticate";
import { hashPassword } from "@/lib/auth/password";
import { openSecret, sealSecret } from "@/lib/sso/secret-box";
import { saveSsoSettings, SsoSettingsSchema } from "@/lib/sso/settings";
import { completeSsoSignIn, type VerifiedClaims } from "@/lib/sso/sign-in";
import { verifyIdToken } from "@/lib/sso/discovery";
import { openTestDb, type TestDb } from "./support/test-db";

process.env.AUTH_SECRET ??= "integration-secret-0123456789-abcdef";
const SECRET = "s3cr3t-Value-that-must-never-show";
const REQ = { ip: "203.0.113.9", userAgent: "vitest" };

function form(values: Record<string, string>) {
  return SsoSettingsSchema.parse({ enabled: "on", jitCreate: "", passwordsOffForLearners: "", clientSecret: "", ...values });
}

describe("SSO settings", () => {
  let t: TestDb;
  let company: number;
  let admin: number;
  beforeEach(async () => {
    t = await openTestDb();
    company = await insertCompany(t, { name: "Alfa S.r.l." });
    await replaceCompanyDomains(t, company, ["alfa.test"]);
    admin = (await createUserIfMissing(t, { email: "capo@alfa.test", firstName: "Carla", lastName: "Capo", passwordHash: null, roles: ["company_admin"], companyId: company })).user.id;
  });
  afterEach(() => t.close());

  it("seals the secret with AES-256-GCM bound to the company: not the plaintext, opens only for that company and that key", () => {
    const sealed = sealSecret(SECRET, company);
    expect(sealed).not.toContain(SECRET);
    expect(openSecret(sealed, company)).toBe(SECRET);
    expect(openSecret(sealed, company + 1)).toBeNull();
    // The second-to-last character (all its bits count; the last may carry unused ones), always changed:
    // choosing the new one by the last character left it unchanged about once in 64 runs.
    const at = sealed.length - 2;
    const tampered = sealed.slice(0, at) + (sealed[at] === "A" ? "B" : "A") + sealed.slice(at + 1);
    expect(tampered).not.toBe(sealed);
    expect(openSecret(tampered, company)).toBeNull();
    process.env.SSO_SECRET_KEY = "a-dedicated-key-for-sso-secrets-0123456789";
    try {
      expect(openSecret(sealed, company)).toBeNull();
      expect(openSecret(sealSecret(SECRET, company), company)).toBe(SECRET);
    } finally {
      delete process.env.SSO_SECRET_KEY;
    }
  });

  it("derives the issuer per provider kind and refuses what is not a provider", () => {
    expect(form({ kind: "entra", tenant: "2F1C3A4B-0000-4000-8000-000000000001", clientId: "app" }).issuer).toBe("https://login.microsoftonline.com/2f1c3a4b-0000-4000-8000-000000000001/v2.0");
    expect(form({ kind: "google", hostedDomain: "Alfa.test", clientId: "app" })).toMatchObject({ issuer: "https://accounts.google.com", hostedDomain: "alfa.test" });
    expect(form({ kind: "oidc", issuer: "https://login.alfa.test/", clientId: "app" }).issuer).toBe("https://login.alfa.test");
    expect(SsoSettingsSchema.safeParse({ kind: "oidc", issuer: "http://login.alfa.test", clientId: "app" }).success).toBe(false);
    expect(SsoSettingsSchema.safeParse({ kind: "entra", tenant: "not a tenant", clientId: "app" }).success).toBe(false);
    expect(SsoSettingsSchema.safeParse({ kind: "google", clientId: "app" }).success).toBe(false);
    expect(SsoSettingsSchema.safeParse({ kind: "saml", clientId: "app" }).success).toBe(false);
  });

  it("stores the secret sealed, keeps it when left blank, needs one the first time, and audits without it", async () => {
    expect(await saveSsoSettings(t, admin, company, form({ kind: "oidc", issuer: "https://id.alfa.test", clientId: "app" }))).toEqual({ ok: false, field: "clientSecret", error: "form.required" });
    expect(await saveSsoSettings(t, admin, company, form({ kind: "oidc", issuer: "https://id.alfa.test", clientId: "app", clientSecret: SECRET }))).toEqual({ ok: true });
    const first = (await getCompanySso(t, company))!;
    expect(first.clientSecretEnc).not.toContain(SECRET);
    expect(openSecret(first.clientSecretEnc, company)).toBe(SECRET);
    expect(await saveSsoSettings(t, admin, company, form({ kind: "oidc", issuer: "https://id.alfa.test", clientId: "app2", jitCreate: "on" }))).toEqual({ ok: true });
    const second = (await getCompanySso(t, company))!;
    expect(second).toMatchObject({ clientId: "app2", jitCreate: true, clientSecretEnc: first.clientSecretEnc });
    const events = await t.all<{ data: string }>("SELECT data FROM audit_events WHERE type = 'admin.sso-update' ORDER BY id");
    expect(events.map((e) => JSON.parse(e.data).secretChanged)).toEqual([true, false]);
    expect(JSON.stringify(await t.all("SELECT * FROM audit_events"))).not.toContain(SECRET);
  });

  it("refuses to switch SSO on for a company without e-mail domains", async () => {
    const other = await insertCompany(t, { name: "Beta S.r.l." });
    expect(await saveSsoSettings(t, admin, other, form({ kind: "oidc", issuer: "https://id.beta.test", clientId: "app", clientSecret: SECRET }))).toEqual({ ok: false, field: "enabled", error: "sso.errors.noDomains" });
    expect(await getCompanySso(t, other)).toBeUndefined();
  });
});

describe("SSO sign-in", () => {
  let t: TestDb;
  let company: number;
  const ISS = "https://id.alfa.test";
  const claims = (sub: string, email: string, extra: Partial<VerifiedClaims> = {}): VerifiedClaims => ({ iss: ISS, sub, email, email_verified: true, given_name: "Nuova", family_name: "Persona", ...extra });
  const sessions = async () => (await t.get<{ n: number }>("SELECT count(*) AS n FROM auth_sessions"))!.n;
  const refused = async () => (await t.all<{ data: string }>("SELECT data FROM audit_events WHERE type = 'auth.sso-refused' ORDER BY id")).map((r) => (JSON.parse(r.data) as { reason: string }).reason);

  let admin: number;
  beforeEach(async () => {
    t = await openTestDb();
    company = await insertCompany(t, { name: "Alfa S.r.l." });
    await replaceCompanyDomains(t, company, ["alfa.test"]);
    const hash = await hashPassword("correct horse battery");
    await createUserIfMissing(t, { email: "mario@alfa.test", firstName: "Mario", lastName: "Rossi", passwordHash: hash, roles: ["learner"], companyId: company });
    admin = (await createUserIfMissing(t, { email: "capo@alfa.test", firstName: "Carla", lastName: "Capo", passwordHash: hash, roles: ["company_admin"], companyId: company })).user.id;
    await saveSsoSettings(t, admin, company, form({ kind: "oidc", issuer: ISS, clientId: "app", clientSecret: SECRET, jitCreate: "on" }));
  });
  afterEach(() => t.close());

  it("creates an unknown employee just in time as a learner of the company and opens an access-log session", async () => {
    const r = await completeSsoSignIn(t, company, claims("s-new", "nuova@alfa.test"), REQ);
    expect(r.ok).toBe(true);
    const user = (await findUserByEmail(t, "nuova@alfa.test"))!;
    expect(user).toMatchObject({ companyId: company, firstName: "Nuova", lastName: "Persona", passwordHash: null });
    expect(await t.all("SELECT role FROM user_roles WHERE user_id = ?", [user.id])).toEqual([{ role: "learner" }]);
    expect(await t.get("SELECT ip, user_agent FROM auth_sessions WHERE user_id = ?", [user.id])).toEqual({ ip: REQ.ip, user_agent: "vitest" });
  });

  it("links an existing person by verified e-mail, then follows the subject whatever e-mail the provider sends", async () => {
    const mario = (await findUserByEmail(t, "mario@alfa.test"))!.id;
    const first = await completeSsoSignIn(t, company, claims("s-mario", "MARIO@alfa.test"), REQ);
    expect(first).toMatchObject({ ok: true, userId: mario });
    const renamed = await completeSsoSignIn(t, company, claims("s-mario", "mario.rossi@alfa.test"), REQ);
    expect(renamed).toMatchObject({ ok: true, userId: mario });
    expect(await findUserByEmail(t, "mario.rossi@alfa.test")).toBeUndefined();
    // A second directory account with his address cannot take the account over.
    expect(await completeSsoSignIn(t, company, claims("s-impostor", "mario@alfa.test"), REQ)).toEqual({ ok: false, reason: "conflict" });
  });

  it("refuses an unverified or foreign e-mail, an unknown person without JIT, a deactivated person — audited, no session", async () => {
    const before = await sessions();
    expect(await completeSsoSignIn(t, company, claims("s-1", "eva@altrove.test"), REQ)).toEqual({ ok: false, reason: "domain" });
    expect(await completeSsoSignIn(t, company, claims("s-2", "ugo@alfa.test", { email_verified: false }), REQ)).toEqual({ ok: false, reason: "unverified" });
    expect(await completeSsoSignIn(t, company, claims("s-3", "ugo@alfa.test", { email_verified: "true" }), REQ)).toEqual({ ok: false, reason: "unverified" });
    await saveSsoSettings(t, admin, company, form({ kind: "oidc", issuer: ISS, clientId: "app" }));
    expect(await completeSsoSignIn(t, company, claims("s-4", "zoe@alfa.test"), REQ)).toEqual({ ok: false, reason: "not_provisioned" });
    const mario = (await findUserByEmail(t, "mario@alfa.test"))!.id;
    await setUserActive(t, mario, false);
    expect(await completeSsoSignIn(t, company, claims("s-mario", "mario@alfa.test"), REQ)).toEqual({ ok: false, reason: "deactivated" });
    expect(await sessions()).toBe(before);
    expect(await findUserByEmail(t, "zoe@alfa.test")).toBeUndefined();
    expect(await refused()).toEqual(["domain", "unverified", "unverified", "not_provisioned", "deactivated"]);
  });

  it("takes Entra ID's xms_edov for a verified e-mail, and only from Entra", async () => {
    const entraLike = claims("s-edov", "edo@alfa.test", { email_verified: undefined, xms_edov: true });
    expect(await completeSsoSignIn(t, company, entraLike, REQ)).toEqual({ ok: false, reason: "unverified" });
    await saveSsoSettings(t, admin, company, form({ kind: "entra", tenant: "alfa.onmicrosoft.com", clientId: "app", jitCreate: "on" }));
    expect(await completeSsoSignIn(t, company, { ...entraLike, iss: "https://login.microsoftonline.com/alfa.onmicrosoft.com/v2.0" }, REQ)).toMatchObject({ ok: true });
  });

  it("refuses a person of another company with the same provider", async () => {
    const other = await insertCompany(t, { name: "Beta S.r.l." });
    await replaceCompanyDomains(t, other, ["beta.test"]);
    await createUserIfMissing(t, { email: "bea@alfa-ex.test", firstName: "Bea", lastName: "B", passwordHash: null, roles: ["learner"], companyId: other });
    await t.run("UPDATE users SET email = 'bea@alfa.test' WHERE email = 'bea@alfa-ex.test'");
    expect(await completeSsoSignIn(t, company, claims("s-bea", "bea@alfa.test"), REQ)).toEqual({ ok: false, reason: "conflict" });
  });

  it("with passwords off for learners, refuses a learner's right password and keeps the admin's", async () => {
    await saveSsoSettings(t, admin, company, form({ kind: "oidc", issuer: ISS, clientId: "app", passwordsOffForLearners: "on" }));
    const attempt = async (email: string) => authenticate(t, { email, password: "correct horse battery", ip: REQ.ip, userAgent: null });
    expect(await attempt("mario@alfa.test")).toEqual({ ok: false, reason: "sso_required" });
    expect(await attempt("capo@alfa.test")).toMatchObject({ ok: true });
    await saveSsoSettings(t, admin, company, form({ kind: "oidc", issuer: ISS, clientId: "app", passwordsOffForLearners: "on", enabled: "" }));
    expect(await attempt("mario@alfa.test")).toMatchObject({ ok: true });
  });
});

describe("id_token verification", () => {
  let server: http.Server;
  let issuer: string;
  let key: CryptoKey;
  let foreign: CryptoKey;
  beforeAll(async () => {
    const own = await generateKeyPair("RS256", { extractable: true });
    key = own.privateKey;
    foreign = (await generateKeyPair("RS256")).privateKey;
    const jwk = { ...(await exportJWK(own.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    server = http.createServer((req, res) => {
      res.setHeader("content-type", "application/json");
      if (req.url === "/.well-known/openid-configuration") return res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
      if (req.url === "/jwks") return res.end(JSON.stringify({ keys: [jwk] }));
      res.statusCode = 404;
      res.end("{}");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const token = (o: { aud?: string; iss?: string; exp?: number; key?: CryptoKey } = {}) =>
    new SignJWT({ email: "a@alfa.test" })
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuer(o.iss ?? issuer)
      .setAudience(o.aud ?? "app")
      .setSubject("s")
      .setIssuedAt()
      .setExpirationTime(o.exp ?? Math.floor(Date.now() / 1000) + 300)
      .sign(o.key ?? key);

  it("accepts a well-formed token and refuses a wrong audience, issuer, expiry or signature", async () => {
    const expected = { issuer, clientId: "app" };
    await expect(verifyIdToken(await token(), expected)).resolves.toMatchObject({ sub: "s" });
    await expect(verifyIdToken(await token({ aud: "other" }), expected)).rejects.toThrow(/aud/);
    await expect(verifyIdToken(await token({ iss: "https://evil.test" }), expected)).rejects.toThrow(/iss/);
    await expect(verifyIdToken(await token({ exp: Math.floor(Date.now() / 1000) - 120 }), expected)).rejects.toThrow(/exp/);
    await expect(verifyIdToken(await token({ key: foreign }), expected)).rejects.toThrow(/signature/);
  });
});
