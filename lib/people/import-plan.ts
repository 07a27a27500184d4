import "server-only";
import { and, eq } from "drizzle-orm";
import type { Engine } from "@/db/engine/types";
import { peopleImports, userRoles, users, type User } from "@/db/schema";
import { companyForDomain, findCompanyByNameOrTaxCode } from "@/db/queries/companies";
import { getCompanyById } from "@/db/queries/company-texts";
import { ensureDepartment } from "@/db/queries/departments";
import { appendAuditEvent } from "@/lib/audit/trail";
import type { ImportValues, ParsedRow, RowProblem } from "./csv-import";
import { orm } from "@/db/engine/orm";

export type RowPlan = ParsedRow & {
  action: "create" | "update" | "unchanged" | "error";
  changes: (keyof ImportValues)[];
  /** The company the row goes to, when it could be decided. */
  companyId: number | null;
  companyName: string | null;
};
export type ImportPlan = { rows: RowPlan[]; counts: { create: number; update: number; unchanged: number; error: number } };

const FIELDS = ["lastName", "firstName", "fiscalCode", "department", "qualification", "contractType"] as const;

/**
 * Where an import's rows go. A company admin's file goes to their company (an `azienda` cell must
 * name it); a provider admin's rows go to the company their `azienda` cell names, else to the
 * company owning the e-mail's domain, else to the company they are working in.
 */
export type ImportTarget = { companyId: number; routeRows: boolean };

/** The target of whoever imports: their scope's company; rows routed by `azienda` for provider admins. */
export function importTarget(scope: { companyId: number }, providerAdmin: boolean): ImportTarget {
  return { companyId: scope.companyId, routeRows: providerAdmin };
}

async function rowCompany(d: Engine, target: ImportTarget, v: ImportValues): Promise<{ id: number } | RowProblem> {
  if (!target.routeRows) {
    if (!v.company) return { id: target.companyId };
    const named = await findCompanyByNameOrTaxCode(d, v.company);
    // Unknown and someone else's company get the same answer: a company admin learns nothing about other companies.
    return named?.id === target.companyId ? { id: target.companyId } : { code: "company-not-allowed" };
  }
  if (v.company) {
    const named = await findCompanyByNameOrTaxCode(d, v.company);
    return named ? { id: named.id } : { code: "company-unknown", value: v.company.slice(0, 100) };
  }
  const domain = v.email.split("@")[1];
  return { id: (domain ? await companyForDomain(d, domain) : undefined) ?? target.companyId };
}

/**
 * What confirming would do to each row against the current database: create a person in the
 * row's company, update one of that company found by e-mail (listing the fields that change),
 * leave one unchanged, or refuse the row (its problems; an e-mail or codice fiscale already used
 * by someone else, who is named only when the importer may see them).
 */
export async function planImport(d: Engine, rows: readonly ParsedRow[], target: ImportTarget): Promise<ImportPlan> {
  const byEmail = new Map((await orm(d).select().from(users).all()).map((u) => [u.email, u]));
  const byCf = new Map([...byEmail.values()].filter((u) => u.fiscalCode).map((u) => [u.fiscalCode!, u]));
  const visible = (u: User) => target.routeRows || u.companyId === target.companyId;
  const names = new Map<number, string>();
  const nameOf = async (id: number) => {
    if (!names.has(id)) names.set(id, (await getCompanyById(d, id))?.name ?? "");
    return names.get(id)!;
  };
  const counts = { create: 0, update: 0, unchanged: 0, error: 0 };
  const planned: RowPlan[] = [];
  for (const row of rows) {
    const problems: RowProblem[] = [...row.problems];
    const company = await rowCompany(d, target, row.values);
    const companyId = "id" in company ? company.id : null;
    if (!("id" in company)) problems.push(company);
    const existing = byEmail.get(row.values.email);
    if (existing && companyId !== null && existing.companyId !== companyId) problems.push({ code: "email-elsewhere" });
    const owner = byCf.get(row.values.fiscalCode);
    if (owner && owner.email !== row.values.email) problems.push(visible(owner) ? { code: "fiscal-code-taken", email: owner.email } : { code: "fiscal-code-taken-elsewhere" });
    let action: RowPlan["action"];
    let changes: (keyof ImportValues)[] = [];
    if (problems.length) action = "error";
    else if (!existing) action = "create";
    else {
      changes = FIELDS.filter((f) => (existing[f] ?? null) !== (row.values[f] ?? null));
      action = changes.length ? "update" : "unchanged";
    }
    counts[action]++;
    planned.push({ ...row, problems, action, changes, companyId, companyName: companyId === null ? null : await nameOf(companyId) });
  }
  return { rows: planned, counts };
}

/** Stores a checked file for the company the importer works in (confirming needs the same scope). */
export async function saveImport(d: Engine, createdBy: number, companyId: number, fileName: string, fileSha256: string, rows: readonly ParsedRow[]): Promise<number> {
  return (await orm(d).insert(peopleImports).values({ createdBy, companyId, fileName, fileSha256, rows: JSON.stringify(rows) }).returning({ id: peopleImports.id }).get()).id;
}

/** A checked file of the company, or null (another company's import is answered like an unknown one). */
export async function getImport(d: Engine, companyId: number, id: number) {
  const row = await orm(d)
    .select()
    .from(peopleImports)
    .where(and(eq(peopleImports.id, id), eq(peopleImports.companyId, companyId)))
    .get();
  return row ? { ...row, parsed: JSON.parse(row.rows) as ParsedRow[] } : null;
}

export type ApplyResult =
  | { ok: true; created: number[]; updated: number; unchanged: number }
  | { ok: false; code: "not_found" | "already_applied" | "has_errors"; errors?: number };

/**
 * Writes the rows of a plan: people created in their row's company with the learner role and no
 * password (they are invited by e-mail), or updated. Departments are created in their company.
 * In the caller's transaction.
 */
export async function writePlannedRows(d: Engine, plan: ImportPlan, now: Date): Promise<number[]> {
  const created: number[] = [];
  for (const row of plan.rows) {
    // `company` is the `azienda` cell: it chose the row's company, it is not a person's field.
    const { lastName, firstName, email, fiscalCode, department, qualification, contractType } = row.values;
    const v = { lastName, firstName, email, fiscalCode, department, qualification, contractType };
    if (row.companyId === null) continue;
    if (v.department) await ensureDepartment(d, row.companyId, v.department);
    if (row.action === "create") {
      const user = await orm(d).insert(users).values({ ...v, companyId: row.companyId, passwordHash: null }).returning({ id: users.id }).get();
      await orm(d).insert(userRoles).values({ userId: user.id, role: "learner" }).run();
      created.push(user.id);
    } else if (row.action === "update") {
      const set = Object.fromEntries(row.changes.map((f) => [f, v[f as keyof typeof v]]));
      await orm(d).update(users).set({ ...set, updatedAt: now }).where(eq(users.email, v.email)).run();
    }
  }
  return created;
}

/**
 * Applies a checked import in ONE transaction — all rows or none. The plan is recomputed
 * inside the transaction (the database may have changed since the dry run); any row in
 * error refuses the whole file. Re-importing the same file creates and changes nothing.
 * New people get the learner role and no password (they are invited by e-mail).
 */
export async function applyImport(d: Engine, importId: number, actorId: number, target: ImportTarget, now = new Date()): Promise<ApplyResult> {
  return d.write(async (): Promise<ApplyResult> => {
    const saved = await getImport(d, target.companyId, importId);
    if (!saved) return { ok: false, code: "not_found" };
    if (saved.appliedAt) return { ok: false, code: "already_applied" };
    const plan = await planImport(d, saved.parsed, target);
    if (plan.counts.error) return { ok: false, code: "has_errors", errors: plan.counts.error };
    const created = await writePlannedRows(d, plan, now);
    await orm(d).update(peopleImports).set({ appliedAt: now }).where(eq(peopleImports.id, importId)).run();
    const companies = [...new Set(plan.rows.map((r) => r.companyId))];
    await appendAuditEvent(d, {
      type: "admin.user-update",
      actorUserId: actorId,
      subject: `import:${importId}`,
      data: { file: saved.fileName, sha256: saved.fileSha256, companies, created: created.length, updated: plan.counts.update, unchanged: plan.counts.unchanged },
    });
    return { ok: true, created, updated: plan.counts.update, unchanged: plan.counts.unchanged };
  });
}
