import "server-only";
import { iterateInWorker } from "../read-worker";
import { eq } from "drizzle-orm";
import { orm } from "../engine/orm";
import type { Dialect, Engine } from "../engine/types";
import { certificates, type Certificate } from "../schema";
import { inScopeSql, scopeParams, type DataScope } from "./scope";
import { currentCycleSql } from "./cycles";
import { ignoringCase, likeIgnoringCase, perDialect } from "../engine/dialect-sql";

/** Issues a certificate for a completion (inside the completion's transaction: lib/progress/complete-course.ts). */
export async function insertCertificate(d: Engine, c: Pick<Certificate, "code" | "userId" | "courseSlug" | "completionId" | "issuedAt" | "expiresAt">): Promise<Certificate> {
  // Raw: drizzle's timestamp placeholders refuse null, and the expiry is often null.
  const sec = (t: Date | null) => (t === null ? null : Math.floor(t.getTime() / 1000));
  const row = await d.get<{ id: number }>(
    "INSERT INTO certificates (code, user_id, course_slug, completion_id, issued_at, expires_at) VALUES (@code, @userId, @courseSlug, @completionId, @issuedAt, @expiresAt) RETURNING id",
    { code: c.code, userId: c.userId, courseSlug: c.courseSlug, completionId: c.completionId, issuedAt: sec(c.issuedAt), expiresAt: sec(c.expiresAt) },
  );
  return { id: row!.id, ...c, revokedAt: null, revokedReason: null, revokedBy: null };
}

export async function getCertificateByCode(d: Engine, code: string): Promise<Certificate | undefined> {
  return orm(d).select().from(certificates).where(eq(certificates.code, code)).get();
}

/** A certificate with everything printed on it: learner, company, completion record, first lesson opened. */
export type CertificateDetailRow = {
  id: number;
  code: string;
  userId: number;
  courseSlug: string;
  issuedAt: number;
  revokedAt: number | null;
  revokedReason: string | null;
  revokedBy: number | null;
  expiresAt: number | null;
  firstName: string;
  lastName: string;
  fiscalCode: string | null;
  email: string;
  department: string | null;
  companyId: number | null;
  companyName: string | null;
  companyTaxCode: string | null;
  companyCity: string | null;
  companyBaseUrl: string | null;
  /** The plan's signer when it names one, else the company's. */
  signerName: string | null;
  signerRole: string | null;
  cycle: number;
  planId: number | null;
  planFund: string | null;
  planTitle: string | null;
  planAvviso: string | null;
  planProtocol: string | null;
  planCup: string | null;
  completedAt: number;
  activeSeconds: number;
  plannedMinutes: number;
  attendancePercent: number;
  finalScorePercent: number | null;
  startedAt: number | null;
};

/**
 * The learner's company (or, for a learner not linked to one, the installation's first), so
 * every certificate names its issuer; the plan of the completed cycle, frozen in the completion.
 */
const DETAIL_SELECT = `
  SELECT c.id, c.code, c.user_id AS "userId", c.course_slug AS "courseSlug", c.issued_at AS "issuedAt",
         c.revoked_at AS "revokedAt", c.revoked_reason AS "revokedReason", c.revoked_by AS "revokedBy", c.expires_at AS "expiresAt",
         u.first_name AS "firstName", u.last_name AS "lastName", u.fiscal_code AS "fiscalCode", u.email, u.department,
         co.id AS "companyId", co.name AS "companyName", co.tax_code AS "companyTaxCode", co.city AS "companyCity", co.public_base_url AS "companyBaseUrl",
         coalesce(fp.signer_name, co.signer_name) AS "signerName",
         CASE WHEN fp.signer_name IS NOT NULL THEN fp.signer_role ELSE co.signer_role END AS "signerRole",
         cc.cycle, cc.plan_id AS "planId", fp.fund AS "planFund", fp.title AS "planTitle", fp.avviso AS "planAvviso", fp.protocol AS "planProtocol", fp.cup AS "planCup",
         cc.completed_at AS "completedAt", cc.active_seconds AS "activeSeconds", cc.planned_minutes AS "plannedMinutes",
         cc.attendance_percent AS "attendancePercent", cc.final_score_percent AS "finalScorePercent",
         (SELECT min(lp.first_opened_at) FROM lesson_progress lp WHERE lp.user_id = c.user_id AND lp.course_slug = c.course_slug AND lp.cycle = cc.cycle) AS "startedAt"
    FROM certificates c
    JOIN users u ON u.id = c.user_id
    JOIN course_completions cc ON cc.id = c.completion_id
    LEFT JOIN funding_plans fp ON fp.id = cc.plan_id
    LEFT JOIN companies co ON co.id = coalesce(u.company_id, (SELECT min(id) FROM companies))`;

/** A certificate by its code, whoever it belongs to: only for the public check and for its owner. */
export async function getCertificateDetails(d: Engine, code: string): Promise<CertificateDetailRow | undefined> {
  return d.get<CertificateDetailRow>(`${DETAIL_SELECT} WHERE c.code = ?`, [code]);
}

/** A certificate of someone inside the scope, or undefined (outside it: as an unknown code). */
export async function getCertificateInScope(d: Engine, scope: DataScope, code: string): Promise<CertificateDetailRow | undefined> {
  return d.get<CertificateDetailRow>(`${DETAIL_SELECT} WHERE c.code = @code AND ${inScopeSql(d, "u")}`, { code, ...scopeParams(scope) });
}

/**
 * The learner's valid certificate of the latest completed cycle of the course, when it is not
 * `code` itself: what the public check shows beside an expired or revoked one.
 */
export async function getCurrentCertificateCode(d: Engine, userId: number, courseSlug: string, now: Date): Promise<{ code: string; expiresAt: number | null } | undefined> {
  return d.get<{ code: string; expiresAt: number | null }>(
    `SELECT c.code, c.expires_at AS "expiresAt" FROM certificates c JOIN course_completions cc ON cc.id = c.completion_id
      WHERE c.user_id = ? AND c.course_slug = ? AND c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > ?)
      ORDER BY cc.cycle DESC LIMIT 1`,
    [userId, courseSlug, Math.floor(now.getTime() / 1000)],
  );
}

/** A learner's certificates of a course, one per completed cycle, oldest first (Unix seconds). */
export async function listLearnerCertificates(
  d: Engine,
  userId: number,
  courseSlug: string,
): Promise<{ code: string; cycle: number; issuedAt: number; expiresAt: number | null; revokedAt: number | null; current: number }[]> {
  return d.all(
    `SELECT c.code, cc.cycle, c.issued_at AS "issuedAt", c.expires_at AS "expiresAt", c.revoked_at AS "revokedAt",
            cc.cycle = ${currentCycleSql("@user", "@course")} AS current
       FROM certificates c JOIN course_completions cc ON cc.id = c.completion_id
      WHERE c.user_id = @user AND c.course_slug = @course ORDER BY cc.cycle`,
    { user: userId, course: courseSlug },
  );
}

export type CertificateListFilter = {
  scope: DataScope;
  /** Only the certificates of one plan's completions, or of those without a plan. */
  plan?: number | "none";
  courseSlug: string;
  department?: string;
  /** Completion at or after. */
  completedFrom?: Date;
  /** Completion strictly before. */
  completedBefore?: Date;
  /** Surname, name, codice fiscale or certificate code. */
  q?: string;
  revoked?: boolean;
};

type Params = Record<string, string | number | null>;

function listWhere(on: Dialect, f: CertificateListFilter): { where: string; params: Params } {
  const clauses = ["c.course_slug = @course", inScopeSql(on, "u")];
  const params: Params = { course: f.courseSlug, ...scopeParams(f.scope) };
  if (f.plan === "none") clauses.push("cc.plan_id IS NULL");
  else if (f.plan !== undefined) {
    clauses.push("cc.plan_id = @plan_id");
    params.plan_id = f.plan;
  }
  if (f.department) {
    clauses.push("u.department = @department");
    params.department = f.department;
  }
  if (f.completedFrom) {
    clauses.push("cc.completed_at >= @from");
    params.from = Math.floor(f.completedFrom.getTime() / 1000);
  }
  if (f.completedBefore) {
    clauses.push("cc.completed_at < @before");
    params.before = Math.floor(f.completedBefore.getTime() / 1000);
  }
  if (f.revoked !== undefined) clauses.push(f.revoked ? "c.revoked_at IS NOT NULL" : "c.revoked_at IS NULL");
  const q = f.q?.trim();
  if (q) {
    const like = `${likeIgnoringCase(on)} @q ESCAPE '\\'`;
    clauses.push(
      `(u.last_name ${like} OR u.first_name ${like} OR u.fiscal_code ${like} OR c.code ${like}
        OR (u.last_name || ' ' || u.first_name) ${like} OR (u.first_name || ' ' || u.last_name) ${like})`,
    );
    params.q = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  }
  return { where: `WHERE ${clauses.join(" AND ")}`, params };
}

const ORDER = perDialect((dialect) => `ORDER BY ${ignoringCase(dialect, "u.last_name")}, ${ignoringCase(dialect, "u.first_name")}, c.id`);

/** Certificates of a course, one page, by surname. */
export async function listCertificatesPage(
  d: Engine,
  f: CertificateListFilter,
  page: number,
  pageSize: number,
): Promise<{ rows: CertificateDetailRow[]; total: number }> {
  const { where, params } = listWhere(d.dialect, f);
  const total = (await d.get<{ n: number }>(
    `SELECT count(*) AS n FROM certificates c JOIN users u ON u.id = c.user_id JOIN course_completions cc ON cc.id = c.completion_id ${where}`,
    params,
  ))!.n;
  const rows = await d.all<CertificateDetailRow>(`${DETAIL_SELECT} ${where} ${ORDER(d)} LIMIT @limit OFFSET @offset`, {
    ...params,
    limit: pageSize,
    offset: (Math.max(1, page) - 1) * pageSize,
  });
  return { rows, total };
}

/**
 * Every matching certificate, a batch at a time, from one snapshot (the bulk ZIPs): read on the
 * worker thread on SQLite, from a cursor on PostgreSQL (db/read-worker.ts). Call `return()`
 * when stopping early.
 */
export function streamCertificates(d: Engine, f: CertificateListFilter): AsyncIterableIterator<CertificateDetailRow> {
  const { where, params } = listWhere(d.dialect, f);
  return iterateInWorker<CertificateDetailRow>(d, `${DETAIL_SELECT} ${where} ${ORDER(d)}`, params);
}

/**
 * Revokes a certificate once: the row changes only while `revoked_at` is empty (a trigger
 * refuses any other change). @returns the revoked row, or undefined when it was not found or
 * already revoked.
 */
export async function revokeCertificateRow(d: Engine, code: string, r: { reason: string; by: number; at: Date }): Promise<Certificate | undefined> {
  const row = await d.get<{ id: number }>("UPDATE certificates SET revoked_at = ?, revoked_reason = ?, revoked_by = ? WHERE code = ? AND revoked_at IS NULL RETURNING id", [
    Math.floor(r.at.getTime() / 1000),
    r.reason,
    r.by,
    code,
  ]);
  return row ? await getCertificateByCode(d, code) : undefined;
}
