import { NextResponse } from "next/server";
import { db } from "@/db/client";
import { getCertificateInScope } from "@/db/queries/certificates";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { normaliseCertificateCode } from "@/lib/certificates/code";
import { certificateFileName, certificatePdf, findCertificate } from "@/lib/certificates/load";

const notFound = () => NextResponse.json({ error: "not_found", message: "No such certificate." }, { status: 404 });

/**
 * GET /api/certificates/<code>.pdf — the certificate PDF, for the learner it belongs to or an
 * administrator of that learner's company (`certificates:manage`, inside their scope).
 * Everybody else — other learners, trainers, another company's admins, visitors without a
 * session — gets 404, not 403, so the answer does not reveal that a code exists (the public
 * check is the verification page, which shows no codice fiscale). A revoked certificate still
 * downloads, stamped REVOCATO.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const m = /^(.+)\.pdf$/i.exec(file);
  if (!m) return notFound();
  const user = await getCurrentUser();
  if (!user) return notFound();
  const d = db();
  const own = await findCertificate(d, m[1]!);
  const code = normaliseCertificateCode(m[1]!);
  const row =
    own && own.userId === user.id ? own : code && user.scope && can(user, "certificates:manage") ? await getCertificateInScope(d, user.scope, code) : undefined;
  if (!row) return notFound();
  const pdf = await certificatePdf(d, row);
  return new Response(Buffer.from(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="${certificateFileName(row.code)}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
