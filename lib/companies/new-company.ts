import "server-only";
import { z } from "zod";
import type { Engine } from "@/db/engine/types";
import { findCompanyByNameOrTaxCode } from "@/db/queries/companies";
import { appendAuditEvent } from "@/lib/audit/trail";
import type { FieldErrors } from "@/lib/forms/form-state";
import { parseEmployeeCsv, type FileProblem, type RowProblem } from "@/lib/people/csv-import";
import { planImport, writePlannedRows } from "@/lib/people/import-plan";
import { createPlan, PlanSchema } from "@/lib/plans/plans";
import { CompanySchema, createCompany, DomainTaken } from "./record";

/** The plan's fields in the new-company form carry this prefix: the company has fields of the same name (signerName, signerRole). */
export const PLAN_PREFIX = "plan_";

/**
 * The new-company form, the three steps together: the company record (`CompanySchema`), its
 * first plan (`PlanSchema`, fields prefixed) and, optionally, the employee file. Every field's
 * issues come back under the name the form uses.
 */
export const NewCompanySchema = z.record(z.string(), z.unknown()).transform((form, ctx) => {
  const plan = Object.fromEntries(Object.entries(form).flatMap(([k, v]) => (k.startsWith(PLAN_PREFIX) ? [[k.slice(PLAN_PREFIX.length), v]] : [])));
  const company = CompanySchema.safeParse(form);
  const planned = PlanSchema.safeParse(plan);
  for (const issue of company.error?.issues ?? []) ctx.addIssue({ code: "custom", path: [String(issue.path[0] ?? "_")], message: issue.message });
  for (const issue of planned.error?.issues ?? []) ctx.addIssue({ code: "custom", path: [`${PLAN_PREFIX}${String(issue.path[0] ?? "_")}`], message: issue.message });
  if (!company.success || !planned.success) return z.NEVER;
  // An empty file input still sends a nameless, empty file.
  const people = form.people instanceof File && (form.people.size > 0 || form.people.name) ? form.people : null;
  return { company: company.data, plan: planned.data, people };
});
export type NewCompanyInput = z.infer<typeof NewCompanySchema>;

/** A refused row of the employee file, as the form lists it. */
export type RowReport = { line: number; name: string; email: string; problems: RowProblem[] };

export type NewCompanyResult =
  | { ok: true; companyId: number; planId: number; created: number[] }
  | { ok: false; fieldErrors: FieldErrors; detail?: string; fileProblem?: FileProblem; rows?: RowReport[] };

/** Thrown inside the transaction to roll everything back, carrying the answer. */
class Refused extends Error {
  constructor(readonly result: NewCompanyResult & { ok: false }) {
    super("new company refused");
  }
}

/**
 * Creates a client company with its first funding plan and, from the employee file, its people
 * — all of it or nothing: the file is read and checked first, then company, plan and people are
 * written in ONE transaction, so a plan the catalogue refuses, a domain or name already taken,
 * or any row in error (checked against the database inside the transaction) leaves no trace,
 * audit events included. New people get the learner role and no password (the caller invites
 * them after the commit). Every write is audited: `admin.company-create`, `admin.plan-create`,
 * and `admin.user-update` for the people (with the file's SHA-256).
 */
export async function createCompanyWithPlan(d: Engine, actorId: number, input: NewCompanyInput, now = new Date()): Promise<NewCompanyResult> {
  const file = input.people ? await parseEmployeeCsv(new Uint8Array(await input.people.arrayBuffer())) : null;
  if (file && !file.ok) return { ok: false, fieldErrors: { people: [`import.fileProblem.${file.problem.code}`] }, fileProblem: file.problem };
  try {
    return await d.write(async (): Promise<NewCompanyResult> => {
      const taken: FieldErrors = {};
      if (await findCompanyByNameOrTaxCode(d, input.company.name)) taken.name = ["companiesUi.errors.nameTaken"];
      if (input.company.taxCode && await findCompanyByNameOrTaxCode(d, input.company.taxCode)) taken.taxCode = ["companiesUi.errors.taxCodeTaken"];
      if (Object.keys(taken).length) throw new Refused({ ok: false, fieldErrors: taken });
      const companyId = await createCompany(d, actorId, input.company);
      const plan = await createPlan(d, actorId, companyId, input.plan);
      if (!plan.ok) throw new Refused({ ok: false, fieldErrors: { [`${PLAN_PREFIX}${plan.field}`]: [plan.error] } });
      let created: number[] = [];
      if (file && input.people) {
        // The new company's own import: an `azienda` cell may only name it, an e-mail of another company's person is refused.
        const rows = await planImport(d, file.rows, { companyId, routeRows: false });
        if (rows.counts.error) {
          const refused = rows.rows.filter((r) => r.action === "error").map((r) => ({ line: r.line, name: `${r.values.lastName} ${r.values.firstName}`.trim(), email: r.values.email, problems: r.problems }));
          throw new Refused({ ok: false, fieldErrors: { people: ["companiesUi.errors.peopleRows"] }, rows: refused });
        }
        created = await writePlannedRows(d, rows, now);
        await appendAuditEvent(d, { type: "admin.user-update", actorUserId: actorId, subject: `company:${companyId}`, data: { file: input.people.name, sha256: file.sha256, companies: [companyId], created: created.length } });
      }
      return { ok: true, companyId, planId: plan.planId, created };
    });
  } catch (e) {
    if (e instanceof Refused) return e.result;
    if (e instanceof DomainTaken) return { ok: false, fieldErrors: { emailDomains: ["form.domainTaken"] }, detail: e.domains.join(", ") };
    throw e;
  }
}
