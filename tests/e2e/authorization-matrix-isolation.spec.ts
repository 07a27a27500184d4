import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type APIResponse, type Browser } from "@playwright/test";
import { csvRows } from "../support/csv-rows";
import { databaseFingerprint as fingerprint, e2eDb, signIn } from "./support/helpers";

/**
 * Cross-company isolation (issue #19): every page, route handler and server action that takes
 * an id, code or slug of company data, called by company A's admin, department manager and a
 * learner with company B's ids → the same answer as an id that does not exist (404, the
 * action's not-found state, or — for a caller without the permission at all — the permission's
 * 403, which does not depend on the id), never success, and the database unchanged.
 * B's ids are read from the demo database; company B's admin opening the same URLs is the
 * control that they are real. Runs in the "isolated" Playwright project (its own server and
 * database, one file at a time), since it fingerprints the whole database.
 */

type Persona = "companyAdmin" | "manager" | "learner";
const PERSONAS: Persona[] = ["companyAdmin", "manager", "learner"];
const EMAILS: Record<Persona | "adminB", string> = {
  companyAdmin: "admin@example.com",
  manager: "responsabile@example.com",
  learner: "learner@example.com",
  adminB: "admin.adriatica@example.com",
};
const COURSE = "lavoro-e-social-media";

/** Company B's ids and codes, as the demo (and this file's set-up, through B's admin) made them. */
type Ids = {
  person: number;
  invitee: number;
  inviteeEmail: string;
  personEmail: string;
  outbox: number;
  import: number;
  plan: number;
  rule: number;
  department: number;
  certificate: string;
  attempt: number;
};

/** Ids nobody has: each call must answer for B's ids exactly as for these. */
const GHOST: Ids = {
  person: 987_654,
  invitee: 987_655,
  inviteeEmail: "nessuno.mai@adriatica.example",
  personEmail: "nessuno.ancora@adriatica.example",
  outbox: 987_656,
  import: 987_657,
  plan: 987_658,
  rule: 987_659,
  department: 987_661,
  certificate: "ZZZZ-ZZZZ-ZZZZ-ZZZZ",
  attempt: 987_660,
};

/** What only company B's data would show: none may appear in an answer to company A's people. */
const B_WORDS = ["Marchetti", "Fabbri", "Adriatica", "Invitato"];

/** A page's or route's answer: its status, with redirects to sign-in told apart. */
type Status = 200 | 403 | 404 | 405 | "signin";
type Call = { method?: "GET" | "POST" | "PATCH"; url: (ids: Ids) => string; body?: unknown };
type Entry = Call & { expect: Record<Persona, Status>; control?: boolean; note?: string };

const byRole = (admin: Status, manager: Status, learner: Status): Record<Persona, Status> => ({ companyAdmin: admin, manager, learner });

/** Pages, keyed by file; `control`: B's admin gets 200 for the same URL (the ids are real). */
const PAGES: Record<string, Entry[]> = {
  "app/[locale]/(app)/admin/people/[id]/page.tsx": [{ url: (i) => `/admin/people/${i.person}`, expect: byRole(404, 403, 403), control: true }],
  "app/[locale]/(app)/admin/reports/participants/[userId]/page.tsx": [
    { url: (i) => `/admin/reports/participants/${i.person}?course=${COURSE}`, expect: byRole(404, 404, 403), control: true },
  ],
  "app/[locale]/(app)/admin/reports/participants/page.tsx": [
    { url: (i) => `/admin/reports/participants?course=${COURSE}&plan=${i.plan}`, expect: byRole(404, 404, 403), control: true },
  ],
  "app/[locale]/(app)/admin/certificates/page.tsx": [{ url: (i) => `/admin/certificates?course=${COURSE}&plan=${i.plan}`, expect: byRole(404, 403, 403), control: true }],
  "app/[locale]/(app)/admin/outbox/[id]/page.tsx": [{ url: (i) => `/admin/outbox/${i.outbox}`, expect: byRole(404, 403, 403), control: true }],
  "app/[locale]/(app)/admin/people/import/page.tsx": [{ url: (i) => `/admin/people/import?id=${i.import}`, expect: byRole(404, 403, 403), control: true }],
  "app/[locale]/(app)/admin/plans/[id]/page.tsx": [{ url: (i) => `/admin/plans/${i.plan}`, expect: byRole(404, 403, 403), control: true }],
  "app/[locale]/(app)/courses/[course]/quiz/[quiz]/page.tsx": [
    { url: (i) => `/courses/${COURSE}/quiz/final?attempt=${i.attempt}`, expect: byRole(403, 403, 404), note: "attempts are their owner's alone" },
  ],
};

const ROUTES: Record<string, Entry[]> = {
  "app/api/admin/people/[id]/route.ts": [
    { method: "PATCH", url: (i) => `/api/admin/people/${i.person}`, body: { active: false }, expect: byRole(404, 403, 403) },
    { method: "GET", url: (i) => `/api/admin/people/${i.person}`, expect: byRole(405, 405, 405), note: "there is no GET: the person is read through the page" },
  ],
  "app/api/admin/people/[id]/invite/route.ts": [{ method: "POST", url: (i) => `/api/admin/people/${i.invitee}/invite`, expect: byRole(404, 403, 403) }],
  "app/api/admin/reports/[file]/route.ts": [
    { url: (i) => `/api/admin/reports/register.csv?course=${COURSE}&plan=${i.plan}`, expect: byRole(404, 404, 403), control: true },
    { url: (i) => `/api/admin/reports/register.xlsx?course=${COURSE}&plan=${i.plan}`, expect: byRole(404, 404, 403), control: true },
    { url: (i) => `/api/admin/reports/sessions.csv?plan=${i.plan}`, expect: byRole(404, 403, 403), control: true, note: "the access log is reports:export" },
    { url: (i) => `/api/admin/reports/sessions.xlsx?course=${COURSE}&plan=${i.plan}`, expect: byRole(404, 403, 403), control: true },
  ],
  "app/api/admin/certificates.zip/route.ts": [
    { url: (i) => `/api/admin/certificates.zip?course=${COURSE}&plan=${i.plan}`, expect: byRole(404, 403, 403), control: true, note: "reports:export" },
  ],
  "app/api/admin/plans/[planId]/register.pdf/route.ts": [{ url: (i) => `/api/admin/plans/${i.plan}/register.pdf`, expect: byRole(404, 403, 403), control: true, note: "plans:dossier" }],
  "app/api/admin/plans/[planId]/participants/[userId]/register.pdf/route.ts": [
    { url: (i) => `/api/admin/plans/${i.plan}/participants/${i.person}/register.pdf`, expect: byRole(404, 403, 403), control: true },
  ],
  "app/api/admin/plans/[planId]/declaration.pdf/route.ts": [{ url: (i) => `/api/admin/plans/${i.plan}/declaration.pdf`, expect: byRole(404, 403, 403), control: true }],
  "app/api/admin/plans/[planId]/course-file.pdf/route.ts": [{ url: (i) => `/api/admin/plans/${i.plan}/course-file.pdf`, expect: byRole(404, 403, 403), control: true }],
  "app/api/admin/plans/[planId]/dossier.zip/route.ts": [{ url: (i) => `/api/admin/plans/${i.plan}/dossier.zip`, expect: byRole(404, 403, 403), control: true, note: "plans:dossier" }],
  "app/api/certificates/[file]/route.ts": [{ url: (i) => `/api/certificates/${i.certificate}.pdf`, expect: byRole(404, 404, 404), control: true }],
  "app/api/quiz/attempts/[id]/review/route.ts": [{ url: (i) => `/api/quiz/attempts/${i.attempt}/review`, expect: byRole(403, 403, 404) }],
  "app/api/quiz/attempts/[id]/submit/route.ts": [{ method: "POST", url: (i) => `/api/quiz/attempts/${i.attempt}/submit`, body: { answers: {} }, expect: byRole(403, 403, 404) }],
};

/**
 * Server actions taking company data's ids: the page they are posted to, their fields, and the
 * answer per caller — a state's `message` (or `field:error`), "403" (a plain-form action's
 * refusal page) or "redirect:<path>" (a plain-form action; ids in the path read `<id>`).
 */
type ActionEntry = {
  page: string;
  form: (ids: Ids) => Record<string, string>;
  plain?: boolean;
  expect: Record<Persona, string>;
  /** B's admin with B's ids reaches past the lookup (an answer only a found id gets): the ids are real and the call well formed. */
  control?: { form: (ids: Ids) => Record<string, string>; expect: string };
};
const refusedState = (admin: string): Record<Persona, string> => ({ companyAdmin: admin, manager: "forbidden", learner: "forbidden" });

const ACTIONS: Record<string, ActionEntry[]> = {
  "app/[locale]/(app)/admin/people/actions.ts#setActiveAction": [
    {
      page: "/admin/people",
      form: (i) => ({ userId: String(i.person), active: "false" }),
      expect: refusedState("not_found"),
      control: { form: (i) => ({ userId: String(i.person), active: "true" }), expect: "updated" },
    },
  ],
  "app/[locale]/(app)/admin/people/[id]/actions.ts#saveProfileAction": [
    {
      page: "/admin/people/1",
      form: (i) => ({ userId: String(i.person), firstName: "Intrusa", lastName: "Altrove", email: i.personEmail, fiscalCode: "", department: "", qualification: "", contractType: "", roles: "learner" }),
      expect: refusedState("form.notFound"),
      control: {
        form: (i) => ({ userId: String(i.person), firstName: "Anna", lastName: "Marchetti", email: EMAILS.adminB, fiscalCode: "", department: "", qualification: "", contractType: "", roles: "learner" }),
        expect: "email:form.emailTaken",
      },
    },
  ],
  "app/[locale]/(app)/admin/people/[id]/actions.ts#grantTestTimeAction": [
    {
      page: "/admin/people/1",
      form: (i) => ({ userId: String(i.person), extraPercent: "100" }),
      expect: refusedState("not_found"),
      control: { form: (i) => ({ userId: String(i.person), extraPercent: "0" }), expect: "unchanged" },
    },
  ],
  "app/[locale]/(app)/admin/outbox/actions.ts#inviteByIdAction": [{ page: "/admin/outbox", form: (i) => ({ userId: String(i.invitee) }), expect: refusedState("not_found"), control: { form: (i) => ({ userId: String(i.person) }), expect: "has_password" } }],
  "app/[locale]/(app)/admin/outbox/actions.ts#inviteByEmailAction": [{ page: "/admin/outbox", form: (i) => ({ email: i.inviteeEmail }), expect: refusedState("not_found"), control: { form: (i) => ({ email: i.personEmail }), expect: "has_password" } }],
  "app/[locale]/(app)/admin/outbox/actions.ts#revealOutboxLinkAction": [
    { page: "/admin/outbox", plain: true, form: (i) => ({ outboxId: String(i.outbox) }), expect: { companyAdmin: "redirect:/admin/outbox/<id>", manager: "403", learner: "403" } },
  ],
  "app/[locale]/(app)/admin/people/import/actions.ts#confirmImportAction": [
    {
      page: "/admin/people/import",
      plain: true,
      form: (i) => ({ importId: String(i.import) }),
      expect: { companyAdmin: "redirect:/admin/people/import?id=<id>&refused=not_found", manager: "403", learner: "403" },
    },
  ],
  "app/[locale]/(app)/admin/enrolments/actions.ts#editRuleAction": [
    {
      page: "/admin/enrolments",
      form: (i) => ({ ruleId: String(i.rule), dueDate: "2030-01-01" }),
      expect: refusedState("not_found"),
      control: { form: (i) => ({ ruleId: String(i.rule), dueDate: "2030-01-01" }), expect: "ruleSaved" },
    },
  ],
  "app/[locale]/(app)/admin/enrolments/actions.ts#removeRuleAction": [{ page: "/admin/enrolments", form: (i) => ({ ruleId: String(i.rule) }), expect: refusedState("not_found") }],
  "app/[locale]/(app)/admin/enrolments/actions.ts#assignCourseAction": [
    {
      page: "/admin/enrolments",
      form: (i) => ({ courseSlug: COURSE, scope: "people", emails: i.personEmail }),
      expect: refusedState("emails:unknownEmails"),
      control: { form: () => ({ courseSlug: COURSE, scope: "people", emails: EMAILS.adminB }), expect: "emails:notLearners" },
    },
    {
      page: "/admin/enrolments",
      form: (i) => ({ courseSlug: COURSE, scope: "everyone", planId: String(i.plan) }),
      expect: refusedState("planId:plan"),
      control: { form: (i) => ({ courseSlug: "social-media-basics", scope: "everyone", planId: String(i.plan) }), expect: "planId:planCourse" },
    },
  ],
  "app/[locale]/(app)/admin/certificates/actions.ts#revokeCertificateAction": [
    { page: "/admin/certificates", form: (i) => ({ code: i.certificate, reason: "Prova di isolamento tra aziende" }), expect: refusedState("not_found") },
  ],
  "app/[locale]/(app)/admin/plans/inspector-actions.ts#grantInspectorAction": [
    { page: "/admin/plans/1", form: (i) => ({ planId: String(i.plan), email: "revisore@altrove.example", days: "5" }), expect: refusedState("not_found") },
  ],
  "app/[locale]/(app)/admin/plans/inspector-actions.ts#revokeInspectorAction": [
    { page: "/admin/plans/1", plain: true, form: (i) => ({ planId: String(i.plan), userId: String(i.person) }), expect: { companyAdmin: "redirect:/admin/plans/<id>#inspectors", manager: "403", learner: "403" } },
  ],
  "app/[locale]/(app)/admin/plans/actions.ts#savePlanAction": [
    {
      page: "/admin/plans/new",
      form: (i) => ({ planId: String(i.plan), fund: "non-finanziato", title: "Piano altrui", courses: COURSE }),
      expect: refusedState("not_found"),
    },
  ],
  "app/[locale]/(app)/admin/company/actions.ts#moveDepartmentAction": [
    {
      page: "/admin/company",
      form: (i) => ({ departmentId: String(i.department), parentId: "" }),
      expect: refusedState("not_found"),
      control: { form: (i) => ({ departmentId: String(i.department), parentId: String(i.department) }), expect: "parentId:form.departmentLoop" },
    },
  ],
  "app/[locale]/(app)/admin/company/actions.ts#addDepartmentAction": [
    {
      page: "/admin/company",
      form: (i) => ({ name: "Reparto intruso", parentId: String(i.department) }),
      expect: refusedState("parentId:form.notFound"),
    },
  ],
  "app/[locale]/(app)/courses/[course]/quiz/[quiz]/actions.ts#submitAttemptAction": [
    { page: `/courses/${COURSE}/quiz/final`, form: (i) => ({ attemptId: String(i.attempt) }), expect: { companyAdmin: "forbidden", manager: "forbidden", learner: "not_found" } },
  ],
};

/**
 * What takes no id of company data (its scope comes from the session alone, or it is not
 * company data): each with the reason, so a new page, route or action must be placed in one
 * list or the other.
 */
const NO_COMPANY_ID = [
  /^app\/\[locale\]\/(\[\.\.\.rest\]|access-denied|page-not-found|page\.tsx)/,
  /^app\/\[locale\]\/\(auth\)\//, // sign-in, one-time tokens, the privacy notice: not company data
  /^app\/\[locale\]\/verify\//, // public by design (issue #7): no codice fiscale, any company's code verifies
  /^app\/\[locale\]\/\(app\)\/(courses\/(page|\[course\]\/page|\[course\]\/policy\/)|me\/)/, // the learner's own, by session
  /^app\/\[locale\]\/\(lesson\)\//, // content, not company data
  /^app\/\[locale\]\/\(app\)\/trainer\//, // content and aggregates, no company ids
  /^app\/\[locale\]\/\(app\)\/admin\/(page|people\/page|people\/new|company|enrolments\/page|reports\/page|outbox\/page|reminders|analytics)/, // the session's company
  /^app\/api\/(health|locale|auth|bench|me|heartbeat|progress|presence-checks|exercises|content|trainer|sign-out)\//, // presence checks: the learner's own question, by session; sign-out: one's own session
  /^app\/api\/quiz\/attempts\/route\.ts$/, // starts one's own attempt
  /^app\/api\/admin\/people\/(route|import\/route)\.ts$/, // the session's company
  /^app\/api\/admin\/analytics\//, // the session's company, aggregates by department name
  /^app\/courses\//, // lessons: content; the course page: the learner's own progress, by session
  /#(signOutAction|signInAction|continueAction|acknowledgePrivacyAction|requestLinkAction|acceptInvitationAction|resetPasswordAction|startAttemptAction|acknowledgePolicyAction)$/,
  /#(saveCompanyAction|saveLogoAction|saveCompanyTextsAction|runRemindersAction|saveSsoAction)$/, // the session's company
  /^app\/\[locale\]\/\(app\)\/admin\/plans\/(page|new\/page)\.tsx$/, // the session's company's plans
  /^app\/\[locale\]\/\(app\)\/admin\/companies\//, // provider admins only (every company is theirs); company admins get 403
  /#(switchCompanyAction|createCompanyAction)$/, // provider admins only: every company is in their scope
  /^app\/scim\//, // no session at all: the bearer token alone names the company (another company's ids: tests/e2e/scim.spec.ts, tests/integration/scim.test.ts)
  /#createScimTokenAction$/, // the session's company
];

function listFiles(dir: string, name: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p, name) : e.name === name ? [p.split(path.sep).join("/")] : [];
  });
}

function manifestActions(): { id: string; key: string }[] {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { filename: string; exportedName: string }> };
  return Object.entries(manifest.node).map(([id, a]) => ({ id, key: `${a.filename}#${a.exportedName}` }));
}

test("every page, route handler and server action is either in the isolation matrix or takes no company id", () => {
  const all = [...listFiles("app", "page.tsx"), ...listFiles("app", "route.ts"), ...manifestActions().map((a) => a.key)];
  const listed = new Set([...Object.keys(PAGES), ...Object.keys(ROUTES), ...Object.keys(ACTIONS)]);
  expect(all.filter((f) => !listed.has(f) && !NO_COMPANY_ID.some((re) => re.test(f))), "neither in the isolation matrix nor exempt").toEqual([]);
  expect([...listed].filter((f) => !all.includes(f)), "entries for what no longer exists").toEqual([]);
});

const requests = new Map<Persona | "adminB", APIRequestContext>();
let ids: Ids;

async function signedIn(browser: Browser, email: string): Promise<APIRequestContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  await page.close();
  return context.request;
}

async function one<T>(sql: string, ...params: (string | number)[]): Promise<T> {
  const row = await (await e2eDb()).get<T>(sql, params);
  if (row === undefined) throw new Error(`nothing for ${sql}`);
  return row;
}

/**
 * Company B's ids from the demo database, plus what the demo does not seed, made by B's admin
 * through the app: an invitation in B's outbox (for a person of B without a password) and a
 * checked import waiting for confirmation. Runs again in a new worker after a failure: it
 * reuses what it made.
 */
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  for (const who of [...PERSONAS, "adminB"] as const) requests.set(who, await signedIn(browser, EMAILS[who]));
  const adminB = requests.get("adminB")!;
  const companyB = (await one<{ id: number }>("SELECT company_id AS id FROM users WHERE email = ?", EMAILS.adminB)).id;
  expect(companyB).not.toBe((await one<{ id: number }>("SELECT company_id AS id FROM users WHERE email = ?", EMAILS.companyAdmin)).id);

  const inviteeEmail = "isolamento.invitato@adriatica.example";
  const db = await e2eDb();
  let invitee = (await db.get<{ id: number }>("SELECT id FROM users WHERE email = ?", [inviteeEmail]))?.id;
  invitee ??= await db.write(async (tx) => {
    const row = (await tx.get<{ id: number }>(
      "INSERT INTO users (email, password_hash, first_name, last_name, company_id, department) VALUES (?, NULL, 'Ivo', 'Invitato', ?, 'Soci lavoratori') RETURNING id",
      [inviteeEmail, companyB],
    ))!;
    await tx.run("INSERT INTO user_roles (user_id, role) VALUES (?, 'learner')", [row.id]);
    return row.id;
  });
  let outbox = (await db.get<{ id: number }>("SELECT id FROM outbox WHERE user_id = ? ORDER BY id DESC", [invitee]))?.id;
  if (outbox === undefined) {
    const res = await adminB.post(`/api/admin/people/${invitee}/invite`);
    expect(res.status(), await res.text()).toBe(200);
    outbox = ((await res.json()) as { outboxId: number }).outboxId;
  }
  let importId = (await db.get<{ id: number }>("SELECT id FROM people_imports WHERE company_id = ? AND applied_at IS NULL ORDER BY id DESC", [companyB]))?.id;
  if (importId === undefined) {
    const csv = "cognome;nome;email;codice_fiscale;reparto;qualifica;tipo_contratto\nVerdi;Giovanni;giovanni.verdi@adriatica.example;VRDGNN80A01F205M;Soci lavoratori;Socio lavoratore;Tempo indeterminato\n";
    const res = await adminB.post("/api/admin/people/import", { headers: { accept: "application/json" }, multipart: { file: { name: "soci.csv", mimeType: "text/csv", buffer: Buffer.from(csv) } } });
    expect(res.status(), await res.text()).toBe(201);
    importId = ((await res.json()) as { importId: number }).importId;
  }
  const person = await one<{ id: number; email: string }>("SELECT id, email FROM users WHERE email = 'anna.marchetti@example.com' AND company_id = ?", companyB);
  const bruno = (await one<{ id: number }>("SELECT id FROM users WHERE email = 'bruno.fabbri@example.com' AND company_id = ?", companyB)).id;
  ids = {
    person: person.id,
    personEmail: person.email,
    invitee,
    inviteeEmail,
    outbox,
    import: importId,
    plan: (await one<{ id: number }>("SELECT id FROM funding_plans WHERE company_id = ? ORDER BY id LIMIT 1", companyB)).id,
    rule: (await one<{ id: number }>("SELECT id FROM enrolment_rules WHERE company_id = ? ORDER BY id LIMIT 1", companyB)).id,
    department: (await one<{ id: number }>("SELECT id FROM departments WHERE company_id = ? ORDER BY id LIMIT 1", companyB)).id,
    certificate: (await one<{ code: string }>("SELECT code FROM certificates WHERE user_id = ? ORDER BY id LIMIT 1", bruno)).code,
    attempt: (await one<{ id: number }>("SELECT id FROM quiz_attempts WHERE user_id = ? AND quiz_id = 'final' ORDER BY id LIMIT 1", bruno)).id,
  };
});

function classify(res: APIResponse): Status | number {
  const location = res.headers()["location"];
  if (res.status() >= 300 && res.status() < 400 && location?.includes("/sign-in")) return "signin";
  return res.status();
}

function send(r: APIRequestContext, call: Call, i: Ids): Promise<APIResponse> {
  return r.fetch(call.url(i), { method: call.method ?? "GET", data: call.body, maxRedirects: 0 });
}

for (const [kind, table] of [
  ["page", PAGES],
  ["route", ROUTES],
] as const) {
  for (const [file, entries] of Object.entries(table)) {
    test(`${kind} ${file}: company B's ids answer as unknown ones`, async () => {
      for (const entry of entries) {
        for (const persona of PERSONAS) {
          const r = requests.get(persona)!;
          const label = `${persona} ${entry.method ?? "GET"} ${entry.url(ids)}`;
          const before = await fingerprint();
          const res = await send(r, entry, ids);
          expect(classify(res), label).toBe(entry.expect[persona]);
          expect(await fingerprint(), `${label} changed the database`).toBe(before);
          // Not a word about B in the refusal either (a page's title, a JSON message).
          const text = await res.text();
          for (const word of B_WORDS) expect(text, `${label} names ${word}`).not.toContain(word);
          expect(classify(await send(r, entry, GHOST)), `${label} with an unknown id`).toBe(entry.expect[persona]);
        }
        if (entry.control) expect(classify(await send(requests.get("adminB")!, entry, ids)), `company B's admin: ${entry.url(ids)}`).toBe(200);
      }
    });
  }
}

function actionId(key: string): string {
  const found = manifestActions().find((a) => a.key === key);
  expect(found, key).toBeDefined();
  return found!.id;
}

/**
 * Calls an action the way React's client does: the arguments as multipart form data, the form's
 * fields under `_1_` and the argument list in field `0` (a `useActionState` action gets the
 * previous state first, a plain form action only the form).
 */
async function callAction(r: APIRequestContext, key: string, entry: ActionEntry, i: Ids): Promise<string> {
  // The root last, as React writes it: the server resolves `$K1` from the fields read before it.
  const form = new FormData();
  for (const [k, v] of Object.entries(entry.form(i))) form.append(`_1_${k}`, v);
  form.append("0", entry.plain ? '["$K1"]' : '[null,"$K1"]');
  const res = await r.post(entry.page, { headers: { "Next-Action": actionId(key) }, multipart: form, maxRedirects: 0 });
  const redirect = res.headers()["x-action-redirect"];
  if (redirect) return `redirect:${redirect.split(";")[0]!.replace(/([/=])\d+(?=$|[&/#])/, "$1<id>")}`;
  if (res.status() !== 200) return String(res.status());
  const text = await res.text();
  if (text.includes('"ok":true')) return /"message":"([^"]+)"/.exec(text)?.[1] ?? "ok";
  const field = /"fieldErrors":\{"(\w+)":\["([^"]+)"/.exec(text);
  if (field) return `${field[1]}:${field[2]}`;
  return /"message":"([^"]+)"/.exec(text)?.[1] ?? `unexpected answer: ${text.slice(0, 300)}`;
}

for (const [key, entries] of Object.entries(ACTIONS)) {
  test(`action ${key}: company B's ids answer as unknown ones`, async () => {
    for (const entry of entries) {
      for (const persona of PERSONAS) {
        const r = requests.get(persona)!;
        const label = `${persona} ${key} ${JSON.stringify(entry.form(ids))}`;
        const before = await fingerprint();
        expect(await callAction(r, key, entry, ids), label).toBe(entry.expect[persona]);
        expect(await fingerprint(), `${label} changed the database`).toBe(before);
        expect(await callAction(r, key, entry, GHOST), `${label} with unknown ids`).toBe(entry.expect[persona]);
      }
      if (entry.control) expect(await callAction(requests.get("adminB")!, key, { ...entry, form: entry.control.form }, ids), `company B's admin: ${key}`).toBe(entry.control.expect);
    }
  });
}

/** The rows of a register CSV export (after the header). */
async function registerRows(r: APIRequestContext, query: string): Promise<{ header: string[]; rows: string[][] }> {
  const res = await r.get(`/api/admin/reports/register.csv?${query}`);
  expect(res.status(), query).toBe(200);
  const all = csvRows((await res.body()).subarray(3).toString("utf8").replace(/\r\n$/, ""), ";");
  return { header: all[0]!, rows: all.slice(1) };
}

test("searches and filters with company B's names, codice fiscale and codes find nothing of B", async () => {
  const admin = requests.get("companyAdmin")!;
  const anna = await one<{ cf: string; email: string }>("SELECT fiscal_code AS cf, email FROM users WHERE id = ?", ids.person);
  const before = await fingerprint();
  expect(await (await admin.get("/api/admin/people?q=Marchetti")).json()).toEqual({ rows: [], total: 0 });
  expect(await (await admin.get(`/api/admin/people?q=${encodeURIComponent(anna.email)}`)).json()).toEqual({ rows: [], total: 0 });
  for (const page of [`/admin/reports/participants?course=${COURSE}&q=${anna.cf}`, `/admin/certificates?course=${COURSE}&q=${ids.certificate}`, `/admin/people?q=${encodeURIComponent(anna.email)}`]) {
    const res = await admin.get(page);
    expect(res.status(), page).toBe(200);
    const text = await res.text();
    for (const word of B_WORDS) expect(text, `${page} names ${word}`).not.toContain(word);
  }
  expect(await fingerprint()).toBe(before);
  // Exports are recorded (an audit event each): the rows are what matters.
  expect((await registerRows(admin, `course=${COURSE}&q=${anna.cf}`)).rows).toEqual([]);
  expect((await registerRows(admin, `course=${COURSE}&department=${encodeURIComponent("Soci lavoratori")}`)).rows).toEqual([]);
  // The control: B's admin finds Anna by the same codice fiscale.
  // (One row per cycle of the course: the demo gives Anna two, an expired certificate and the current one.)
  const control = (await registerRows(requests.get("adminB")!, `course=${COURSE}&q=${anna.cf}`)).rows;
  expect(control.length).toBeGreaterThan(0);
  expect(control.every((r) => r.includes(anna.cf))).toBe(true);
});

/** The department manager's scope: their department and those under it (Stabilimento → Produzione, Logistica). */
async function subtreeOf(email: string): Promise<{ departments: string[]; emails: Set<string>; fiscalCodes: Set<string> }> {
  const db = await e2eDb();
  const departments = (
    await db.all<{ name: string }>(
      `WITH RECURSIVE sub(id) AS (SELECT department_id FROM user_roles WHERE user_id = (SELECT id FROM users WHERE email = ?) AND role = 'department_manager'
         UNION SELECT d.id FROM departments d JOIN sub ON d.parent_id = sub.id)
       SELECT name FROM departments WHERE id IN (SELECT id FROM sub)`,
      [email],
    )
  ).map((r) => r.name);
  const company = (await db.get<{ id: number }>("SELECT company_id AS id FROM users WHERE email = ?", [email]))!.id;
  // The company's people, kept when their department is in the subtree (no JSON array parameter: SQL both engines accept).
  const people = (await db.all<{ email: string; cf: string | null; department: string | null }>("SELECT email, fiscal_code AS cf, department FROM users WHERE company_id = ?", [company])).filter(
    (p) => p.department !== null && departments.includes(p.department),
  );
  return { departments, emails: new Set(people.map((p) => p.email)), fiscalCodes: new Set(people.flatMap((p) => (p.cf ? [p.cf] : []))) };
}

test("a department manager sees only their department subtree's people and progress", async () => {
  const manager = requests.get("manager")!;
  const sub = await subtreeOf(EMAILS.manager);
  expect(sub.departments.sort()).toEqual(["Logistica", "Produzione", "Stabilimento"]);

  const people = (await (await manager.get("/api/admin/people?page=1")).json()) as { rows: { email: string; department: string | null }[]; total: number };
  expect(people.total).toBe(sub.emails.size);
  expect(people.rows.length).toBeGreaterThan(0);
  for (const p of people.rows) expect(sub.emails.has(p.email), `${p.email} (${p.department}) outside the subtree`).toBe(true);

  // Progress of someone in the subtree opens; of someone of the company outside it (the demo learner, in Vendite), 404.
  const inside = (await one<{ id: number }>("SELECT id FROM users WHERE email = 'luca.bianchi@example.com'")).id;
  const outside = (await one<{ id: number }>("SELECT id FROM users WHERE email = ?", EMAILS.learner)).id;
  expect((await manager.get(`/admin/reports/participants/${inside}?course=${COURSE}`, { maxRedirects: 0 })).status()).toBe(200);
  const before = await fingerprint();
  expect((await manager.get(`/admin/reports/participants/${outside}?course=${COURSE}`, { maxRedirects: 0 })).status()).toBe(404);
  expect(await fingerprint()).toBe(before);

  // The register export holds their subtree's people and nobody else.
  const { header, rows: body } = await registerRows(manager, `course=${COURSE}`);
  expect(body.length).toBeGreaterThan(0);
  for (const row of body) {
    expect(sub.emails.has(row[header.indexOf("E-mail")]!), `${row[header.indexOf("E-mail")]} in the manager's register`).toBe(true);
    const cf = row[header.indexOf("Codice fiscale")]!;
    if (cf) expect(sub.fiscalCodes.has(cf), `${cf} in the manager's register`).toBe(true);
  }
  // The company admin's register of the same course is larger: the manager's is a filter, not the whole.
  expect((await registerRows(requests.get("companyAdmin")!, `course=${COURSE}`)).rows.length).toBeGreaterThan(body.length);
  // A department of the company outside the subtree is empty for them, not for the company admin.
  expect((await registerRows(manager, `course=${COURSE}&department=Vendite`)).rows).toEqual([]);
  expect((await registerRows(requests.get("companyAdmin")!, `course=${COURSE}&department=Vendite`)).rows.length).toBeGreaterThan(0);
});

test("a department manager may not export the access log or the certificates ZIP (403: a permission, not existence)", async () => {
  const manager = requests.get("manager")!;
  for (const url of ["/api/admin/reports/sessions.csv", `/api/admin/reports/sessions.xlsx?course=${COURSE}`, `/api/admin/certificates.zip?course=${COURSE}`]) {
    const before = await fingerprint();
    expect((await manager.get(url, { maxRedirects: 0 })).status(), url).toBe(403);
    expect(await fingerprint(), `${url} changed the database`).toBe(before);
  }
});
