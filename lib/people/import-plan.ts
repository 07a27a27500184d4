import "server-only";
import { eq } from "drizzle-orm";
import type { AppDatabase } from "@/db/open";
import { writeTransaction } from "@/db/transaction";
import { departments, peopleImports, userRoles, users } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/trail";
import type { ImportValues, ParsedRow, RowProblem } from "./csv-import";

export type RowPlan = ParsedRow & { action: "create" | "update" | "unchanged" | "error"; changes: (keyof ImportValues)[] };
export type ImportPlan = { rows: RowPlan[]; counts: { create: number; update: number; unchanged: number; error: number } };

const FIELDS: (keyof ImportValues)[] = ["lastName", "firstName", "fiscalCode", "department", "qualification", "contractType"];

/**
 * What confirming would do to each row against the current database: create a person,
 * update one found by e-mail (listing the fields that change), leave one unchanged, or
 * refuse the row (its problems, plus a codice fiscale already used by someone else).
 */
export function planImport(d: AppDatabase, rows: readonly ParsedRow[]): ImportPlan {
  const byEmail = new Map(d.orm.select().from(users).all().map((u) => [u.email, u]));
  const byCf = new Map([...byEmail.values()].filter((u) => u.fiscalCode).map((u) => [u.fiscalCode!, u]));
  const counts = { create: 0, update: 0, unchanged: 0, error: 0 };
  const planned = rows.map((row): RowPlan => {
    const problems: RowProblem[] = [...row.problems];
    const existing = byEmail.get(row.values.email);
    const owner = byCf.get(row.values.fiscalCode);
    if (owner && owner.email !== row.values.email) problems.push({ code: "fiscal-code-taken", email: owner.email });
    let action: RowPlan["action"];
    let changes: (keyof ImportValues)[] = [];
    if (problems.length) action = "error";
    else if (!existing) action = "create";
    else {
      changes = FIELDS.filter((f) => (existing[f] ?? null) !== (row.values[f] ?? null));
      action = changes.length ? "update" : "unchanged";
    }
    counts[action]++;
    return { ...row, problems, action, changes };
  });
  return { rows: planned, counts };
}

export function saveImport(d: AppDatabase, createdBy: number, fileName: string, fileSha256: string, rows: readonly ParsedRow[]): number {
  return d.orm.insert(peopleImports).values({ createdBy, fileName, fileSha256, rows: JSON.stringify(rows) }).returning({ id: peopleImports.id }).get().id;
}

export function getImport(d: AppDatabase, id: number) {
  const row = d.orm.select().from(peopleImports).where(eq(peopleImports.id, id)).get();
  return row ? { ...row, parsed: JSON.parse(row.rows) as ParsedRow[] } : null;
}

export type ApplyResult =
  | { ok: true; created: number[]; updated: number; unchanged: number }
  | { ok: false; code: "not_found" | "already_applied" | "has_errors"; errors?: number };

/**
 * Applies a checked import in ONE transaction — all rows or none. The plan is recomputed
 * inside the transaction (the database may have changed since the dry run); any row in
 * error refuses the whole file. Re-importing the same file creates and changes nothing.
 * New people get the learner role and no password (they are invited by e-mail).
 */
export function applyImport(d: AppDatabase, importId: number, actorId: number, now = new Date()): ApplyResult {
  return writeTransaction(d, (): ApplyResult => {
    const saved = getImport(d, importId);
    if (!saved) return { ok: false, code: "not_found" };
    if (saved.appliedAt) return { ok: false, code: "already_applied" };
    const plan = planImport(d, saved.parsed);
    if (plan.counts.error) return { ok: false, code: "has_errors", errors: plan.counts.error };
    const company = d.sqlite.prepare("SELECT id FROM companies ORDER BY id LIMIT 1").get() as { id: number } | undefined;
    const created: number[] = [];
    for (const row of plan.rows) {
      const v = row.values;
      if (v.department) d.orm.insert(departments).values({ name: v.department }).onConflictDoNothing().run();
      if (row.action === "create") {
        const user = d.orm.insert(users).values({ ...v, companyId: company?.id ?? null, passwordHash: null }).returning({ id: users.id }).get();
        d.orm.insert(userRoles).values({ userId: user.id, role: "learner" }).run();
        created.push(user.id);
      } else if (row.action === "update") {
        const set = Object.fromEntries(row.changes.map((f) => [f, v[f]]));
        d.orm.update(users).set({ ...set, updatedAt: now }).where(eq(users.email, v.email)).run();
      }
    }
    d.orm.update(peopleImports).set({ appliedAt: now }).where(eq(peopleImports.id, importId)).run();
    appendAuditEvent(d, {
      type: "admin.user-update",
      actorUserId: actorId,
      subject: `import:${importId}`,
      data: { file: saved.fileName, sha256: saved.fileSha256, created: created.length, updated: plan.counts.update, unchanged: plan.counts.unchanged },
    });
    return { ok: true, created, updated: plan.counts.update, unchanged: plan.counts.unchanged };
  });
}
