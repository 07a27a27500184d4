import "server-only";
import type Database from "better-sqlite3";
import { eq, sql } from "drizzle-orm";
import type { AppDatabase } from "../open";
import { preparedQuery } from "../prepared";
import { certificates, type Certificate } from "../schema";

export function insertCertificate(d: AppDatabase, c: Pick<Certificate, "code" | "userId" | "courseSlug" | "completionId" | "issuedAt">): Certificate {
  return preparedQuery(d, "insertCertificate", (orm) =>
    orm
      .insert(certificates)
      .values({
        code: sql.placeholder("code"),
        userId: sql.placeholder("userId"),
        courseSlug: sql.placeholder("courseSlug"),
        completionId: sql.placeholder("completionId"),
        issuedAt: sql.placeholder("issuedAt"),
      })
      .returning()
      .prepare(),
  ).get(c)!;
}

export function getCertificateByCode(d: AppDatabase, code: string): Certificate | undefined {
  return d.orm.select().from(certificates).where(eq(certificates.code, code)).get();
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
  firstName: string;
  lastName: string;
  fiscalCode: string | null;
  email: string;
  department: string | null;
  companyName: string | null;
  companyTaxCode: string | null;
  companyCity: string | null;
  signerName: string | null;
  signerRole: string | null;
  completedAt: number;
  activeSeconds: number;
  plannedMinutes: number;
  attendancePercent: number;
  finalScorePercent: number | null;
  startedAt: number | null;
};

/**
 * The learner's company, or — for a learner not yet linked to one — the installation's
 * company (one per installation for now), so every certificate names its issuer.
 */
const DETAIL_SELECT = `
  SELECT c.id, c.code, c.user_id AS userId, c.course_slug AS courseSlug, c.issued_at AS issuedAt,
         c.revoked_at AS revokedAt, c.revoked_reason AS revokedReason, c.revoked_by AS revokedBy,
         u.first_name AS firstName, u.last_name AS lastName, u.fiscal_code AS fiscalCode, u.email, u.department,
         co.name AS companyName, co.tax_code AS companyTaxCode, co.city AS companyCity,
         co.signer_name AS signerName, co.signer_role AS signerRole,
         cc.completed_at AS completedAt, cc.active_seconds AS activeSeconds, cc.planned_minutes AS plannedMinutes,
         cc.attendance_percent AS attendancePercent, cc.final_score_percent AS finalScorePercent,
         (SELECT min(lp.first_opened_at) FROM lesson_progress lp WHERE lp.user_id = c.user_id AND lp.course_slug = c.course_slug) AS startedAt
    FROM certificates c
    JOIN users u ON u.id = c.user_id
    JOIN course_completions cc ON cc.id = c.completion_id
    LEFT JOIN companies co ON co.id = coalesce(u.company_id, (SELECT min(id) FROM companies))`;

export function getCertificateDetails(d: AppDatabase, code: string): CertificateDetailRow | undefined {
  return d.sqlite.prepare(`${DETAIL_SELECT} WHERE c.code = ?`).get(code) as CertificateDetailRow | undefined;
}

export type CertificateListFilter = {
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

type Params = Record<string, string | number>;

function listWhere(f: CertificateListFilter): { where: string; params: Params } {
  const clauses = ["c.course_slug = @course"];
  const params: Params = { course: f.courseSlug };
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
    clauses.push(
      `(u.last_name LIKE @q ESCAPE '\\' OR u.first_name LIKE @q ESCAPE '\\' OR u.fiscal_code LIKE @q ESCAPE '\\' OR c.code LIKE @q ESCAPE '\\'
        OR (u.last_name || ' ' || u.first_name) LIKE @q ESCAPE '\\' OR (u.first_name || ' ' || u.last_name) LIKE @q ESCAPE '\\')`,
    );
    params.q = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  }
  return { where: `WHERE ${clauses.join(" AND ")}`, params };
}

const ORDER = "ORDER BY u.last_name COLLATE NOCASE, u.first_name COLLATE NOCASE, c.id";

/** Certificates of a course, one page, by surname. */
export function listCertificatesPage(
  d: AppDatabase,
  f: CertificateListFilter,
  page: number,
  pageSize: number,
): { rows: CertificateDetailRow[]; total: number } {
  const { where, params } = listWhere(f);
  const total = (
    d.sqlite
      .prepare(
        `SELECT count(*) AS n FROM certificates c JOIN users u ON u.id = c.user_id JOIN course_completions cc ON cc.id = c.completion_id ${where}`,
      )
      .get(params) as { n: number }
  ).n;
  const rows = d.sqlite
    .prepare(`${DETAIL_SELECT} ${where} ${ORDER} LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: pageSize, offset: (Math.max(1, page) - 1) * pageSize }) as CertificateDetailRow[];
  return { rows, total };
}

/** Every matching certificate, lazily (for the bulk ZIP: pass a read-only connection). */
export function iterateCertificates(conn: Database.Database, f: CertificateListFilter): IterableIterator<CertificateDetailRow> {
  const { where, params } = listWhere(f);
  return conn.prepare(`${DETAIL_SELECT} ${where} ${ORDER}`).iterate(params) as IterableIterator<CertificateDetailRow>;
}

/**
 * Revokes a certificate once: the row changes only while `revoked_at` is empty (a trigger
 * refuses any other change). @returns the revoked row, or undefined when it was not found or
 * already revoked.
 */
export function revokeCertificateRow(d: AppDatabase, code: string, r: { reason: string; by: number; at: Date }): Certificate | undefined {
  const row = d.sqlite
    .prepare(
      "UPDATE certificates SET revoked_at = ?, revoked_reason = ?, revoked_by = ? WHERE code = ? AND revoked_at IS NULL RETURNING id",
    )
    .get(Math.floor(r.at.getTime() / 1000), r.reason, r.by, code) as { id: number } | undefined;
  return row ? getCertificateByCode(d, code) : undefined;
}
