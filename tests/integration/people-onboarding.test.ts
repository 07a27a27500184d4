import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseEmployeeCsv } from "@/lib/people/csv-import";
import { applyImport, saveImport } from "@/lib/people/import-plan";
import { inviteNewPeople } from "@/lib/people/invite-new-people";
import { createUserIfMissing } from "@/db/queries/users";
import { addEnrolmentRule, listEnrolments } from "@/db/queries/enrolment";
import { setPasswordWithToken } from "@/lib/account/set-password";
import { authenticate } from "@/lib/auth/authenticate";
import { resetEnvCache } from "@/lib/env";
import { linkToken, setMailEnv, SINK_PASS, SINK_USER, useSmtpSink } from "./support/smtp-sink";
import { openTestDb, type TestDb } from "./support/test-db";
import { insertCompany } from "@/db/queries/companies";

/** Check character of a codice fiscale (odd/even tables of the Ministry of Finance). */
const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
function withCheck(cf15: string): string {
  let sum = 0;
  [...cf15].forEach((c, i) => {
    const n = /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 65;
    sum += i % 2 === 0 ? (/\d/.test(c) ? [1, 0, 5, 7, 9, 13, 15, 17, 19, 21][n]! : ODD[n]!) : n;
  });
  return cf15 + String.fromCharCode(65 + (sum % 26));
}

/** A realistic 200-person file: two surname/name letter triplets varied by birth day and month. */
function companyCsv(): Uint8Array {
  const months = "ABCDEHLMPRST";
  const departments = ["Magazzino", "Vendite", "Amministrazione", "Produzione"];
  const rows = Array.from({ length: 200 }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, "0");
    const cf = withCheck(`RSSMRA8${i % 10}${months[Math.floor(i / 28) % 12]}${day}F205`);
    return `Rossi${i};Mario;dipendente${i}@acme.example;${cf};${departments[i % 4]};Impiegato;Tempo indeterminato`;
  });
  return new TextEncoder().encode("\uFEFF" + ["cognome;nome;email;codice_fiscale;reparto;qualifica;tipo_contratto", ...rows].join("\r\n"));
}

describe("from an empty installation: import 200 people, enrol by department, everyone invited (real SMTP)", () => {
  const smtp = useSmtpSink();
  let t: TestDb;
  beforeEach(async () => {
    setMailEnv({ SMTP_URL: smtp.url({ user: SINK_USER, pass: SINK_PASS }), PUBLIC_BASE_URL: "https://formazione.acme.example" });
    resetEnvCache();
    t = await openTestDb();
  });
  afterEach(() => t.close());

  it("every imported learner receives a working invitation and sees the course with its due date", { timeout: 180_000 }, async () => {
    const acme = await insertCompany(t, { name: "ACME S.p.A." });
    const admin = (await createUserIfMissing(t, { email: "hr@acme.example", firstName: "H", lastName: "R", passwordHash: null, roles: ["company_admin"], companyId: acme })).user.id;
    const parsed = await parseEmployeeCsv(companyCsv());
    if (!parsed.ok) throw new Error(parsed.problem.code);
    expect(parsed.rows.filter((r) => r.problems.length)).toEqual([]);
    await addEnrolmentRule(t, { companyId: acme, courseSlug: "lavoro-e-social-media", scope: "department", department: "Vendite", dueDate: "2027-02-28", createdBy: admin });
    const target = { companyId: acme, routeRows: false };
    const applied = await applyImport(t, await saveImport(t, admin, acme, "acme.csv", parsed.sha256, parsed.rows), admin, target);
    if (!applied.ok) throw new Error(applied.code);
    expect(applied.created).toHaveLength(200);

    expect(await inviteNewPeople(t, applied.created, admin)).toEqual({ sent: 200, failed: 0, held: 0 });
    expect(smtp.received).toHaveLength(200);
    expect(new Set(smtp.received.flatMap((m) => m.to)).size).toBe(200);

    // Learner 1 is in Vendite: their link works, then they sign in and have the course, due 28 Feb.
    const mail = smtp.received.find((m) => m.to.includes("dipendente1@acme.example"))!;
    expect(mail.text).toContain("https://formazione.acme.example/invite/");
    const set = await setPasswordWithToken(t, { token: linkToken(mail.text, "invite"), purpose: "invite", password: "una frase lunga per Mario", confirmation: "una frase lunga per Mario" });
    expect(set.ok).toBe(true);
    const signedIn = await authenticate(t, { email: "dipendente1@acme.example", password: "una frase lunga per Mario", ip: "192.0.2.10", userAgent: null });
    expect(signedIn.ok).toBe(true);
    if (signedIn.ok) expect(await listEnrolments(t, signedIn.userId)).toEqual([{ courseSlug: "lavoro-e-social-media", dueDate: "2027-02-28" }]);
    // Learner 0 is in Magazzino: invited too, but not enrolled.
    const other = (await t.get<{ id: number }>("SELECT id FROM users WHERE email = 'dipendente0@acme.example'"))!;
    expect(await listEnrolments(t, other.id)).toEqual([]);
  });
});
