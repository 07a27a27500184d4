import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { createScimToken, resetScimThrottle } from "@/lib/scim/token";
import { fingerprintOfEngine } from "../support/db-fingerprint";
import { openTestDb, type TestDb } from "./support/test-db";

/**
 * SCIM provisioning (issue #21) through the route handlers themselves, on a real database (either engine):
 * the request sequences Microsoft Entra ID sends, written from Microsoft's "Develop and plan
 * provisioning for a SCIM endpoint" (its User and Group operations, request and response
 * examples), with the database checked after each step. The same sequence over real HTTP
 * against `next start`: tests/e2e/scim.spec.ts.
 */

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

type Routes = {
  users: typeof import("@/app/scim/v2/Users/route");
  user: typeof import("@/app/scim/v2/Users/[id]/route");
  groups: typeof import("@/app/scim/v2/Groups/route");
  group: typeof import("@/app/scim/v2/Groups/[id]/route");
  spc: typeof import("@/app/scim/v2/ServiceProviderConfig/route");
  types: typeof import("@/app/scim/v2/ResourceTypes/route");
  schemas: typeof import("@/app/scim/v2/Schemas/route");
};

let t: TestDb;
let routes: Routes;
let companyA: number;
let companyB: number;
let tokenA: string;
let tokenB: string;
const previousEnv = { AUTH_URL: process.env.AUTH_URL };
/** Where the route handlers find the database (db/client.ts): another connection to the test's. */
const app = globalThis as unknown as { __binomioDb?: unknown };

/** A parsed answer, read loosely: the assertions say what each field must be. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test-only reading of JSON answers
type Json = Record<string, any>;
type Handler = (req: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Dispatches like Next's router: `/scim/v2/<Resource>[/<id>]` to the matching route module's method. */
async function scim(method: string, pathAndQuery: string, opts: { token?: string | null; body?: unknown; contentType?: string; ip?: string } = {}) {
  const url = new URL(pathAndQuery, "http://127.0.0.1:3290");
  const [, , , resource, id] = url.pathname.split("/");
  const routeModule =
    resource === "Users" ? (id ? routes.user : routes.users)
    : resource === "Groups" ? (id ? routes.group : routes.groups)
    : resource === "ServiceProviderConfig" ? routes.spc
    : resource === "ResourceTypes" ? routes.types
    : routes.schemas;
  const handler = (routeModule as unknown as Record<string, Handler | undefined>)[method];
  if (!handler) throw new Error(`no ${method} on ${url.pathname}`);
  const headers = new Headers({ "x-forwarded-for": opts.ip ?? "10.0.0.1" });
  const token = opts.token === undefined ? tokenA : opts.token;
  if (token !== null) headers.set("authorization", `Bearer ${token}`);
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    headers.set("content-type", opts.contentType ?? "application/scim+json");
  }
  const res = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve<Record<string, string>>(id ? { id: decodeURIComponent(id) } : {}) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: (text ? JSON.parse(text) : null) as Json };
}

const userRow = async (id: number) =>
  (await t.get<Record<string, unknown>>("SELECT id, company_id, email, first_name, last_name, department, active, external_id, scim_deleted_at, deactivated_at FROM users WHERE id = ?", [id]))!;
const enrolledCourses = async (id: number) => (await t.all<{ c: string }>("SELECT course_slug AS c FROM effective_enrolments WHERE user_id = ? ORDER BY c", [id])).map((r) => r.c);
const auditTypes = async (subject: string) => (await t.all<{ type: string }>("SELECT type FROM audit_events WHERE subject = ? ORDER BY id", [subject])).map((r) => r.type);
/** The person's training evidence: every row that the registers and certificates are built from (rows sorted: no rowid on PostgreSQL). */
async function evidence(userId: number): Promise<string> {
  const tables = ["lesson_progress", "heartbeats", "quiz_attempts", "course_completions", "certificates", "privacy_acknowledgements"];
  const dumps: string[] = [];
  for (const table of tables) dumps.push(JSON.stringify((await t.all(`SELECT * FROM ${table} WHERE user_id = ?`, [userId])).map((r) => JSON.stringify(r)).sort()));
  return dumps.join("\n");
}

beforeAll(async () => {
  t = await openTestDb();
  app.__binomioDb = await t.reopen();
  process.env.AUTH_URL = "https://binomio.example.it";
  resetEnvCache();
  const insertCompany = async (name: string) => (await t.get<{ id: number }>("INSERT INTO companies (name) VALUES (?) RETURNING id", [name]))!.id;
  companyA = await insertCompany("Officine Scim S.r.l.");
  companyB = await insertCompany("Altra Azienda S.p.A.");
  // A's standing rules: everyone takes one course, the "Vendite" department (and those under it) another.
  await t.run("INSERT INTO departments (name, company_id) VALUES ('Vendite', ?)", [companyA]);
  await t.run("INSERT INTO enrolment_rules (course_slug, scope, company_id) VALUES ('lavoro-e-social-media', 'everyone', ?)", [companyA]);
  await t.run("INSERT INTO enrolment_rules (course_slug, scope, department, company_id) VALUES ('social-media-basics', 'department', 'Vendite', ?)", [companyA]);
  await t.run("INSERT INTO enrolment_rules (course_slug, scope, company_id) VALUES ('corso-di-b', 'everyone', ?)", [companyB]);
  tokenA = (await createScimToken(t, companyA, { userId: null, via: "command" }))!.token;
  tokenB = (await createScimToken(t, companyB, { userId: null, via: "command" }))!.token;
  routes = {
    users: await import("@/app/scim/v2/Users/route"),
    user: await import("@/app/scim/v2/Users/[id]/route"),
    groups: await import("@/app/scim/v2/Groups/route"),
    group: await import("@/app/scim/v2/Groups/[id]/route"),
    spc: await import("@/app/scim/v2/ServiceProviderConfig/route"),
    types: await import("@/app/scim/v2/ResourceTypes/route"),
    schemas: await import("@/app/scim/v2/Schemas/route"),
  };
});

afterAll(async () => {
  delete app.__binomioDb;
  await t.close();
  for (const [k, v] of Object.entries(previousEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
});

beforeEach(() => resetScimThrottle(t));

describe("Entra ID's user lifecycle: assigned, updated, unassigned, deleted", () => {
  const userName = "test_user_ab6490ee-1e48-479e-a20b-2d77186b5dd1@testuser.com";
  let id: string;
  let userId: number;
  let before: string;

  it("assigned: the filter on userName finds nobody, then the POST creates a learner of the token's company with its enrolment rules", async () => {
    const probe = await scim("GET", `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
    expect(probe.status).toBe(200);
    expect(probe.headers.get("content-type")).toBe("application/scim+json; charset=utf-8");
    expect(probe.json).toEqual({ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });

    const created = await scim("POST", "/scim/v2/Users", {
      body: {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
        externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
        userName: "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1@testuser.com",
        active: true,
        emails: [{ primary: true, type: "work", value: "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com" }],
        meta: { resourceType: "User" },
        name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
        roles: [],
      },
    });
    expect(created.status).toBe(201);
    id = created.json.id;
    userId = Number(id);
    expect(created.headers.get("location")).toBe(`https://binomio.example.it/scim/v2/Users/${id}`);
    expect(created.json).toMatchObject({
      schemas: expect.arrayContaining(["urn:ietf:params:scim:schemas:core:2.0:User"]),
      id,
      externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
      userName,
      name: { givenName: "givenName", familyName: "familyName" },
      active: true,
      emails: [{ value: userName, type: "work", primary: true }],
      meta: { resourceType: "User", location: `https://binomio.example.it/scim/v2/Users/${id}` },
    });
    expect(await userRow(userId)).toMatchObject({ company_id: companyA, email: userName, first_name: "givenName", last_name: "familyName", active: 1, external_id: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef", department: null });
    expect((await t.all<{ role: string }>("SELECT role FROM user_roles WHERE user_id = ?", [userId])).map((r) => r.role)).toEqual(["learner"]);
    expect(await t.get("SELECT password_hash AS p FROM users WHERE id = ?", [userId])).toEqual({ p: null });
    expect(await enrolledCourses(userId)).toEqual(["lavoro-e-social-media"]);
    expect(await auditTypes(`user:${userId}`)).toEqual(["scim.user-create"]);

    // The person learns: sessions, lessons, heartbeats. This evidence must survive whatever the directory does.
    const at = Math.floor(Date.now() / 1000);
    await t.run("INSERT INTO auth_sessions (id, user_id, login_at, last_seen_at) VALUES ('scim-session', ?, ?, ?)", [userId, at, at]);
    await t.run("INSERT INTO lesson_progress (user_id, course_slug, lesson_slug, first_opened_at, opened_content_hash, active_seconds) VALUES (?, 'lavoro-e-social-media', 'reputazione', ?, 'h1', 600)", [userId, at]);
    await t.run("INSERT INTO heartbeats (user_id, auth_session_id, course_slug, lesson_slug, received_at, credited_seconds) VALUES (?, 'scim-session', 'lavoro-e-social-media', 'reputazione', ?, 30)", [userId, at]);
    before = await evidence(userId);
  });

  it("GET by id and by the filters Entra matches on (userName in any case, externalId) return the person", async () => {
    const got = await scim("GET", `/scim/v2/Users/${id}`);
    expect(got.status).toBe(200);
    expect(got.json.userName).toBe(userName);
    for (const filter of [`userName eq "${userName.toUpperCase()}"`, 'externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"', `USERNAME Eq "${userName}"`, `urn:ietf:params:scim:schemas:core:2.0:User:userName eq "${userName}"`]) {
      const list = await scim("GET", `/scim/v2/Users?filter=${encodeURIComponent(filter)}`);
      expect(list.status, filter).toBe(200);
      expect(list.json.totalResults, filter).toBe(1);
      expect(list.json.Resources[0].id, filter).toBe(id);
    }
  });

  it("updated: Entra's Replace operations on multi- and single-valued attributes, the enterprise department and no-path values", async () => {
    const multi = await scim("PATCH", `/scim/v2/Users/${id}`, {
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: "Replace", path: 'emails[type eq "work"].value', value: "updatedEmail@microsoft.com" },
          { op: "Replace", path: "name.familyName", value: "updatedFamilyName" },
        ],
      },
    });
    expect(multi.status).toBe(200);
    expect(multi.json.name.familyName).toBe("updatedFamilyName");
    // One address per person: the work e-mail is the userName (documented in the README).
    expect(await userRow(userId)).toMatchObject({ last_name: "updatedFamilyName", email: userName });

    const renamed = "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com";
    const single = await scim("PATCH", `/scim/v2/Users/${id}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "userName", value: renamed }] } });
    expect(single.status).toBe(200);
    expect(single.json.userName).toBe(renamed);
    expect((await userRow(userId)).email).toBe(renamed);

    const dept = await scim("PATCH", `/scim/v2/Users/${id}`, {
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: "Add", path: `${ENTERPRISE}:department`, value: "Vendite" },
          { op: "Replace", path: "name.givenName", value: "Giulia" },
          { op: "Replace", path: "displayName", value: "Giulia Rossi" },
          { op: "Replace", path: "externalId", value: "ext-2" },
        ],
      },
    });
    expect(dept.status).toBe(200);
    expect(dept.json[ENTERPRISE]).toEqual({ department: "Vendite" });
    expect(dept.json.groups).toEqual([expect.objectContaining({ display: "Vendite" })]);
    expect(await userRow(userId)).toMatchObject({ department: "Vendite", first_name: "Giulia", external_id: "ext-2" });
    // The department rule reaches them now, like an imported person of that department.
    expect(await enrolledCourses(userId)).toEqual(["lavoro-e-social-media", "social-media-basics"]);

    const noPath = await scim("PATCH", `/scim/v2/Users/${id}`, {
      body: { schemas: [PATCH_OP], Operations: [{ op: "replace", value: { "name.familyName": "Rossi", [`${ENTERPRISE}:department`]: "Produzione" } }] },
    });
    expect(noPath.status).toBe(200);
    expect(await userRow(userId)).toMatchObject({ last_name: "Rossi", department: "Produzione" });
    expect(await t.get("SELECT count(*) AS n FROM departments WHERE company_id = ? AND name = 'Produzione'", [companyA])).toEqual({ n: 1 });
    expect((await auditTypes(`user:${userId}`)).filter((x) => x === "scim.user-update")).toHaveLength(4);
    expect(await evidence(userId)).toBe(before);
  });

  it("unassigned: Replace active \"False\" deactivates; the open session ends; the evidence stays; GET shows active false", async () => {
    const off = await scim("PATCH", `/scim/v2/Users/${id}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "active", value: "False" }] } });
    expect(off.status).toBe(200);
    expect(off.json.active).toBe(false);
    expect(await userRow(userId)).toMatchObject({ active: 0, scim_deleted_at: null });
    expect((await userRow(userId)).deactivated_at).not.toBeNull();
    expect(await t.get("SELECT end_reason AS r FROM auth_sessions WHERE id = 'scim-session'")).toEqual({ r: "deactivated" });
    const got = await scim("GET", `/scim/v2/Users/${id}`);
    expect(got.json.active).toBe(false);
    const found = await scim("GET", `/scim/v2/Users?filter=${encodeURIComponent('userName eq "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"')}`);
    expect(found.json.Resources[0].active).toBe(false);
    expect(await evidence(userId)).toBe(before);
    expect((await auditTypes(`user:${userId}`)).at(-1)).toBe("scim.user-update");
    expect(JSON.parse((await t.get<{ data: string }>("SELECT data FROM audit_events WHERE subject = ? ORDER BY id DESC LIMIT 1", [`user:${userId}`]))!.data)).toMatchObject({
      active: false,
      companyId: companyA,
    });
  });

  it("deleted: DELETE answers 204; the person stays, deactivated, with every record; SCIM answers 404 for them from then on", async () => {
    const del = await scim("DELETE", `/scim/v2/Users/${id}`);
    expect(del.status).toBe(204);
    expect(await userRow(userId)).toMatchObject({ active: 0, company_id: companyA });
    expect((await userRow(userId)).scim_deleted_at).not.toBeNull();
    expect(await evidence(userId)).toBe(before);
    const got = await scim("GET", `/scim/v2/Users/${id}`);
    expect(got.status).toBe(404);
    expect(got.json).toEqual({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "404", detail: "User not found." });
    expect((await scim("GET", `/scim/v2/Users?filter=${encodeURIComponent('externalId eq "ext-2"')}`)).json.totalResults).toBe(0);
    expect((await scim("DELETE", `/scim/v2/Users/${id}`)).status).toBe(404);
    expect((await auditTypes(`user:${userId}`)).at(-1)).toBe("scim.user-delete");
  });

  it("assigned again: the same userName brings back the same person, records and all", async () => {
    const again = await scim("POST", "/scim/v2/Users", {
      body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com", externalId: "ext-3", name: { givenName: "Giulia", familyName: "Rossi" }, active: true },
    });
    expect(again.status).toBe(201);
    expect(again.json.id).toBe(id);
    expect(await userRow(userId)).toMatchObject({ active: 1, scim_deleted_at: null, external_id: "ext-3", deactivated_at: null });
    expect(await evidence(userId)).toBe(before);
  });
});

describe("groups are departments", () => {
  let memberId: string;
  let groupId: string;

  it("Entra's group sequence: create, find by displayName without members, add a member, rename, remove the member", async () => {
    memberId = (await scim("POST", "/scim/v2/Users", { body: { userName: "marco.gialli@officine.example", name: { givenName: "Marco", familyName: "Gialli" } } })).json.id;
    const created = await scim("POST", "/scim/v2/Groups", { body: { externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159", displayName: "Magazzino", meta: { resourceType: "Group" } } });
    expect(created.status).toBe(201);
    groupId = created.json.id;
    expect(created.json).toMatchObject({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Magazzino", externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159", members: [] });
    expect(await t.get("SELECT company_id AS c, parent_id AS p FROM departments WHERE id = ?", [Number(groupId)])).toEqual({ c: companyA, p: null });

    const found = await scim("GET", `/scim/v2/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Magazzino"')}`);
    expect(found.json.totalResults).toBe(1);
    expect(found.json.Resources[0]).not.toHaveProperty("members");
    expect((await scim("GET", `/scim/v2/Groups/${groupId}?excludedAttributes=members`)).json).not.toHaveProperty("members");

    const add = await scim("PATCH", `/scim/v2/Groups/${groupId}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "Add", path: "members", value: [{ $ref: null, value: memberId }] }] } });
    expect(add.status).toBe(200);
    expect(add.json.members).toEqual([expect.objectContaining({ value: memberId })]);
    expect((await userRow(Number(memberId))).department).toBe("Magazzino");

    // A department rule on the old name follows the rename, so nobody gains or loses a course.
    await t.run("INSERT INTO enrolment_rules (course_slug, scope, department, company_id) VALUES ('corso-magazzino', 'department', 'Magazzino', ?)", [companyA]);
    expect(await enrolledCourses(Number(memberId))).toContain("corso-magazzino");
    const rename = await scim("PATCH", `/scim/v2/Groups/${groupId}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "displayName", value: "Logistica" }] } });
    expect(rename.status).toBe(200);
    expect((await userRow(Number(memberId))).department).toBe("Logistica");
    expect(await enrolledCourses(Number(memberId))).toContain("corso-magazzino");

    const remove = await scim("PATCH", `/scim/v2/Groups/${groupId}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "Remove", path: "members", value: [{ $ref: null, value: memberId }] }] } });
    expect(remove.status).toBe(200);
    expect(remove.json.members).toEqual([]);
    expect((await userRow(Number(memberId))).department).toBeNull();
    expect(await auditTypes(`department:${groupId}`)).toEqual(["scim.group-create", "scim.group-update", "scim.group-update", "scim.group-update"]);
  });

  it("the RFC's members[value eq …] path, joining a second group moves the person, and DELETE empties the department but keeps it", async () => {
    await scim("PATCH", `/scim/v2/Groups/${groupId}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "add", path: "members", value: [{ value: memberId }] }] } });
    const other = (await scim("POST", "/scim/v2/Groups", { body: { displayName: "Amministrazione", members: [{ value: memberId }] } })).json;
    expect((await userRow(Number(memberId))).department).toBe("Amministrazione");
    expect((await scim("GET", `/scim/v2/Groups/${groupId}`)).json.members).toEqual([]);
    const removed = await scim("PATCH", `/scim/v2/Groups/${other.id}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "remove", path: `members[value eq "${memberId}"]` }] } });
    expect(removed.status).toBe(200);
    expect((await userRow(Number(memberId))).department).toBeNull();
    await scim("PATCH", `/scim/v2/Groups/${other.id}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "add", path: "members", value: [{ value: memberId }] }] } });
    expect((await scim("DELETE", `/scim/v2/Groups/${other.id}`)).status).toBe(204);
    expect((await userRow(Number(memberId))).department).toBeNull();
    expect(await t.get("SELECT name, external_id AS e FROM departments WHERE id = ?", [Number(other.id)])).toEqual({ name: "Amministrazione", e: null });
  });

  it("refuses a duplicate name (409 uniqueness), an unknown member (400 invalidValue) and a missing displayName (400)", async () => {
    const dup = await scim("POST", "/scim/v2/Groups", { body: { displayName: "Vendite" } });
    expect(dup.status).toBe(409);
    expect(dup.json).toMatchObject({ status: "409", scimType: "uniqueness" });
    const before = await fingerprintOfEngine(t);
    const unknown = await scim("PATCH", `/scim/v2/Groups/${groupId}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "add", path: "members", value: [{ value: "999999" }] }] } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.scimType).toBe("invalidValue");
    expect((await scim("POST", "/scim/v2/Groups", { body: { members: [] } })).json).toMatchObject({ status: "400", scimType: "invalidValue" });
    expect(await fingerprintOfEngine(t)).toBe(before);
  });
});

describe("another company's token", () => {
  it("sees nothing of this company (404 / empty lists) and changes nothing", async () => {
    const a = (await scim("POST", "/scim/v2/Users", { body: { userName: "lucia.verdi@officine.example", name: { givenName: "Lucia", familyName: "Verdi" }, externalId: "lucia" } })).json;
    const groupA = (await scim("GET", `/scim/v2/Groups?filter=${encodeURIComponent('displayName eq "Vendite"')}`)).json.Resources[0];
    const before = await fingerprintOfEngine(t);
    const asB = { token: tokenB };
    expect((await scim("GET", `/scim/v2/Users/${a.id}`, asB)).status).toBe(404);
    expect((await scim("GET", `/scim/v2/Users?filter=${encodeURIComponent('userName eq "lucia.verdi@officine.example"')}`, asB)).json.totalResults).toBe(0);
    expect((await scim("GET", `/scim/v2/Users?filter=${encodeURIComponent('externalId eq "lucia"')}`, asB)).json.totalResults).toBe(0);
    expect((await scim("GET", "/scim/v2/Users", asB)).json).toMatchObject({ totalResults: 0, Resources: [] });
    expect((await scim("GET", `/scim/v2/Groups/${groupA.id}`, asB)).status).toBe(404);
    expect((await scim("GET", "/scim/v2/Groups", asB)).json.totalResults).toBe(0);
    expect((await scim("PATCH", `/scim/v2/Users/${a.id}`, { ...asB, body: { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "active", value: false }] } })).status).toBe(404);
    expect((await scim("PUT", `/scim/v2/Users/${a.id}`, { ...asB, body: { userName: "lucia.verdi@officine.example", active: false } })).status).toBe(404);
    expect((await scim("DELETE", `/scim/v2/Users/${a.id}`, asB)).status).toBe(404);
    expect((await scim("PATCH", `/scim/v2/Groups/${groupA.id}`, { ...asB, body: { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "displayName", value: "Preso" }] } })).status).toBe(404);
    expect((await scim("DELETE", `/scim/v2/Groups/${groupA.id}`, asB)).status).toBe(404);
    // The e-mail is taken in the installation: a 409 that names no company, and nothing moves.
    const taken = await scim("POST", "/scim/v2/Users", { ...asB, body: { userName: "lucia.verdi@officine.example" } });
    expect(taken.status).toBe(409);
    expect(taken.json).toEqual({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "409", scimType: "uniqueness", detail: "userName: this e-mail address is already in use." });
    // B's own member list cannot name A's person either.
    const groupB = (await scim("POST", "/scim/v2/Groups", { ...asB, body: { displayName: "Soci" } })).json;
    const afterGroup = await fingerprintOfEngine(t);
    expect((await scim("PATCH", `/scim/v2/Groups/${groupB.id}`, { ...asB, body: { schemas: [PATCH_OP], Operations: [{ op: "add", path: "members", value: [{ value: a.id }] }] } })).status).toBe(400);
    expect(await fingerprintOfEngine(t)).toBe(afterGroup);
    expect(await t.get("SELECT count(*) AS n FROM departments WHERE company_id = ?", [companyB])).toEqual({ n: 1 });
    expect(before).not.toBe(afterGroup); // only B's own group was added
    expect(await userRow(Number(a.id))).toMatchObject({ active: 1, company_id: companyA });
  });

  it("a provider admin attached to the company is invisible to its directory", async () => {
    const id = (await t.get<{ id: number }>("INSERT INTO users (email, first_name, last_name, company_id) VALUES ('ente@provider.example', 'Ente', 'Formazione', ?) RETURNING id", [companyA]))!.id;
    await t.run("INSERT INTO user_roles (user_id, role) VALUES (?, 'provider_admin')", [id]);
    expect((await scim("GET", `/scim/v2/Users/${id}`)).status).toBe(404);
    expect((await scim("GET", `/scim/v2/Users?filter=${encodeURIComponent('userName eq "ente@provider.example"')}`)).json.totalResults).toBe(0);
    expect((await scim("POST", "/scim/v2/Users", { body: { userName: "ente@provider.example" } })).status).toBe(409);
  });
});

describe("authentication, errors (RFC 7644 §3.12) and lists", () => {
  it("401 without a token, with a malformed or unknown one, on every endpoint; the answer is a SCIM error", async () => {
    for (const p of ["/scim/v2/Users", "/scim/v2/Users/1", "/scim/v2/Groups", "/scim/v2/Groups/1", "/scim/v2/ServiceProviderConfig", "/scim/v2/ResourceTypes", "/scim/v2/Schemas"]) {
      for (const token of [null, "nope", `scim_${"A".repeat(43)}`, tokenA.slice(0, -1) + (tokenA.endsWith("A") ? "B" : "A")]) {
        const r = await scim("GET", p, { token, ip: "10.9.9.9" });
        expect(r.status, `${p} ${token}`).toBe(401);
        expect(r.headers.get("www-authenticate")).toBe('Bearer realm="scim"');
        expect(r.json).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "401" });
      }
      await resetScimThrottle(t);
    }
  });

  it("too many wrong tokens from one address are refused for a minute (429), other addresses and right tokens are not", async () => {
    for (let i = 0; i < 20; i++) expect((await scim("GET", "/scim/v2/Users", { token: "wrong", ip: "10.6.6.6" })).status).toBe(401);
    expect((await scim("GET", "/scim/v2/Users", { token: "wrong", ip: "10.6.6.6" })).status).toBe(429);
    expect((await scim("GET", "/scim/v2/Users", { token: tokenA, ip: "10.6.6.6" })).status).toBe(429);
    expect((await scim("GET", "/scim/v2/Users", { token: tokenA, ip: "10.7.7.7" })).status).toBe(200);
    // Requests without any token (a browser, a probe) are refused but not counted.
    for (let i = 0; i < 30; i++) expect((await scim("GET", "/scim/v2/Users", { token: null, ip: "10.8.8.8" })).status).toBe(401);
    expect((await scim("GET", "/scim/v2/Users", { token: tokenA, ip: "10.8.8.8" })).status).toBe(200);
  });

  it("Entra's connection test (a userName nobody has, not even an address) answers an empty list", async () => {
    const r = await scim("GET", `/scim/v2/Users?filter=${encodeURIComponent('userName eq "4a7b1f5e-73f4-4d1d-9b6c-0b0a5e0c3a11"')}`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it("filters the server cannot answer are 400 invalidFilter, never an unfiltered list", async () => {
    for (const filter of ['userName eq', 'name.givenName eq "Lucia"', 'userName co "lucia"', 'userName eq "a" or userName eq "b"', "active eq true"]) {
      const r = await scim("GET", `/scim/v2/Users?filter=${encodeURIComponent(filter)}`);
      expect(r.status, filter).toBe(400);
      expect(r.json, filter).toMatchObject({ status: "400", scimType: "invalidFilter" });
    }
  });

  it("bad bodies: 400 invalidValue / invalidSyntax naming the attribute, 415 for a body not sent as JSON, 409 uniqueness; nothing written", async () => {
    const before = await fingerprintOfEngine(t);
    expect((await scim("POST", "/scim/v2/Users", { body: { name: { givenName: "X" } } })).json).toMatchObject({ status: "400", scimType: "invalidValue", detail: "userName: userName is required" });
    expect((await scim("POST", "/scim/v2/Users", { body: { userName: "not an address" } })).json).toMatchObject({ status: "400", scimType: "invalidValue" });
    expect((await scim("POST", "/scim/v2/Users", { body: { userName: "a@b.example", active: "maybe" } })).json).toMatchObject({ status: "400", detail: expect.stringContaining("active") });
    expect((await scim("POST", "/scim/v2/Users", { body: { userName: "a@b.example", "urn:binomio:params:scim:schemas:extension:2.0:User": { codiceFiscale: "RSSMRA80A01H501X" } } })).json).toMatchObject({ status: "400", scimType: "invalidValue" });
    expect((await scim("POST", "/scim/v2/Users", { body: "{not json" })).json).toMatchObject({ status: "400", scimType: "invalidSyntax" });
    expect((await scim("POST", "/scim/v2/Users", { body: { userName: "a@b.example" }, contentType: "text/plain" })).status).toBe(415);
    expect((await scim("POST", "/scim/v2/Users", { body: { userName: "lucia.verdi@officine.example" } })).json).toMatchObject({ status: "409", scimType: "uniqueness" });
    const lucia = (await scim("GET", `/scim/v2/Users?filter=${encodeURIComponent('userName eq "lucia.verdi@officine.example"')}`)).json.Resources[0].id;
    for (const body of [
      { Operations: [{ op: "replace", path: "active", value: false }] },
      { schemas: [PATCH_OP], Operations: [] },
      { schemas: [PATCH_OP], Operations: [{ op: "move", path: "active", value: false }] },
      { schemas: [PATCH_OP], Operations: [{ op: "remove" }] },
      { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "id", value: "7" }] },
      { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "userName", value: "marco.gialli@officine.example" }] },
      { schemas: [PATCH_OP], Operations: [{ op: "replace", path: 'emails[type eq "home"].value', value: "x@y.example" }, { op: "replace", path: "active", value: false }] },
    ]) {
      const r = await scim("PATCH", `/scim/v2/Users/${lucia}`, { body });
      expect([400, 409], JSON.stringify(body)).toContain(r.status);
      expect(r.json.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:Error"]);
    }
    expect((await scim("GET", "/scim/v2/Users/abc")).status).toBe(404);
    expect((await scim("GET", "/scim/v2/Users/999999")).status).toBe(404);
    expect(await fingerprintOfEngine(t)).toBe(before);
  });

  it("PUT replaces the attributes (keeping department and codice fiscale when their extension is absent) and takes a valid codice fiscale", async () => {
    const lucia = (await scim("GET", `/scim/v2/Users?filter=${encodeURIComponent('userName eq "lucia.verdi@officine.example"')}`)).json.Resources[0];
    await scim("PATCH", `/scim/v2/Users/${lucia.id}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "add", path: `${ENTERPRISE}:department`, value: "Vendite" }] } });
    const put = await scim("PUT", `/scim/v2/Users/${lucia.id}`, {
      body: { userName: "lucia.verdi@officine.example", name: { givenName: "Lucia", familyName: "Verdi Bianchi" }, active: true, "urn:binomio:params:scim:schemas:extension:2.0:User": { codiceFiscale: "vrdlcu80a41h501k" } },
    });
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    expect(put.json["urn:binomio:params:scim:schemas:extension:2.0:User"]).toEqual({ codiceFiscale: "VRDLCU80A41H501K" });
    const row = await t.get("SELECT last_name, department, fiscal_code, external_id FROM users WHERE id = ?", [Number(lucia.id)]);
    expect(row).toEqual({ last_name: "Verdi Bianchi", department: "Vendite", fiscal_code: "VRDLCU80A41H501K", external_id: null });
    // A PUT that does not say `active` leaves it as it is: it never reactivates someone by omission.
    await scim("PATCH", `/scim/v2/Users/${lucia.id}`, { body: { schemas: [PATCH_OP], Operations: [{ op: "replace", value: { active: false } }] } });
    const quiet = await scim("PUT", `/scim/v2/Users/${lucia.id}`, { body: { userName: "lucia.verdi@officine.example", name: { givenName: "Lucia", familyName: "Verdi" } } });
    expect(quiet.json.active).toBe(false);
    expect((await userRow(Number(lucia.id))).active).toBe(0);
    const back = await scim("PUT", `/scim/v2/Users/${lucia.id}`, { body: { userName: "lucia.verdi@officine.example", name: { givenName: "Lucia", familyName: "Verdi" }, active: "True" } });
    expect(back.json.active).toBe(true);
  });

  it("pagination: startIndex is 1-based, count is capped, count=0 answers the total only", async () => {
    for (let i = 0; i < 5; i++) await scim("POST", "/scim/v2/Users", { body: { userName: `pagina.${i}@officine.example` } });
    const all = (await scim("GET", "/scim/v2/Users")).json;
    const total = all.totalResults as number;
    expect(all.itemsPerPage).toBe(total);
    const page = (await scim("GET", "/scim/v2/Users?startIndex=3&count=2")).json;
    expect(page).toMatchObject({ totalResults: total, startIndex: 3, itemsPerPage: 2 });
    expect(page.Resources.map((r: { id: string }) => r.id)).toEqual(all.Resources.slice(2, 4).map((r: { id: string }) => r.id));
    expect((await scim("GET", "/scim/v2/Users?count=0")).json).toMatchObject({ totalResults: total, itemsPerPage: 0, Resources: [] });
    expect((await scim("GET", "/scim/v2/Users?startIndex=0&count=-4")).json).toMatchObject({ startIndex: 1, itemsPerPage: 0 });
    expect((await scim("GET", `/scim/v2/Users?startIndex=${total + 1}`)).json).toMatchObject({ totalResults: total, itemsPerPage: 0, Resources: [] });
  });

  it("discovery: ServiceProviderConfig, ResourceTypes and Schemas say what is supported", async () => {
    const spc = (await scim("GET", "/scim/v2/ServiceProviderConfig")).json;
    expect(spc).toMatchObject({ patch: { supported: true }, bulk: { supported: false }, filter: { supported: true, maxResults: 200 }, authenticationSchemes: [expect.objectContaining({ type: "oauthbearertoken" })] });
    const types = (await scim("GET", "/scim/v2/ResourceTypes")).json;
    expect(types.Resources.map((r: { endpoint: string }) => r.endpoint)).toEqual(["/Users", "/Groups"]);
    const schemas = (await scim("GET", "/scim/v2/Schemas")).json;
    expect(schemas.Resources.map((r: { id: string }) => r.id)).toContain(ENTERPRISE);
  });
});

describe("npm run scim:token", () => {
  const cli = (args: string[]) => {
    const r = spawnSync(TSX, ["--conditions=react-server", "scripts/scim-token.ts", ...args], { cwd: ROOT, env: { ...process.env, ...t.location }, encoding: "utf8", timeout: 60_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  // Each run starts tsx (a few seconds on a loaded machine).
  it("prints a new token once, replaces the previous one (which stops working at once), and audits it without the token", { timeout: 120_000 }, async () => {
    const old = tokenA;
    const r = cli(["--company", String(companyA)]);
    expect(r.code, r.stderr).toBe(0);
    const token = r.stdout.trim();
    expect(token).toMatch(/^scim_[A-Za-z0-9_-]{43}$/);
    expect(r.stderr).toContain("the previous one no longer works");
    expect((await scim("GET", "/scim/v2/Users", { token: old })).status).toBe(401);
    expect((await scim("GET", "/scim/v2/Users", { token })).status).toBe(200);
    expect((await scim("GET", "/scim/v2/Users", { token: tokenB })).status).toBe(200);
    const stored = (await t.get<{ h: string; by: number | null }>('SELECT token_hash AS h, created_by AS "by" FROM scim_tokens WHERE company_id = ?', [companyA]))!;
    expect(stored.h).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.by).toBeNull();
    const events = await t.all<{ data: string }>("SELECT data FROM audit_events WHERE type = 'scim.token-create' ORDER BY id");
    expect(JSON.parse(events.at(-1)!.data)).toEqual({ companyId: companyA, via: "command", replaced: true });
    expect(events.some((e) => e.data.includes(token) || e.data.includes(stored.h))).toBe(false);
    tokenA = token;
  });

  it("bad arguments: exit 2 with the reason and the usage; an unknown company: exit 1; nothing written", { timeout: 300_000 }, async () => {
    const before = await fingerprintOfEngine(t);
    for (const args of [[], ["--company"], ["--company", "abc"], ["--company", "0"], ["--company", "1", "extra"], ["--firm", "1"]]) {
      const r = cli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain("usage: npm run scim:token -- --company <companyId>");
      expect(r.stdout).toBe("");
    }
    const unknown = cli(["--company", "4242"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No company with id 4242.");
    expect(unknown.stdout).toBe("");
    expect(await fingerprintOfEngine(t)).toBe(before);
  });
});
