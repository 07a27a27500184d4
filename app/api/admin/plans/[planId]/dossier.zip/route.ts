import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db/client";
import { notFoundJson, withScope } from "@/lib/auth/guards";
import { dossierZipDownload } from "@/lib/dossier/zip-download";
import { badRequest } from "@/lib/http";

const ParamsSchema = z.object({
  planId: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, { error: "must be a positive whole number" })
    .transform(Number),
});

/**
 * GET /api/admin/plans/<planId>/dossier.zip — the plan's whole dossier in one ZIP (registers,
 * declaration, course file, register and access-log exports, certificates, `manifest.json`,
 * `LEGGIMI.txt`, `SHA256SUMS`), streamed. Admins, and the plan's inspector
 * (`plans:dossier`); a malformed id is 400, a plan outside the caller's scope 404, a declaration
 * that would print a blank 409 naming what is missing. Recorded as one `admin.dossier` audit
 * event with every file's SHA-256; nothing is recorded for a refusal.
 */
export const GET = withScope<{ planId: string }>("plans:dossier", async (_req, { user, scope, params }) => {
  const parsed = ParamsSchema.safeParse(params);
  if (!parsed.success) return badRequest(parsed.error, 400);
  const actor = { userId: user.id, sessionId: user.sessionId, name: `${user.firstName} ${user.lastName}`, email: user.email };
  const outcome = await dossierZipDownload(db(), scope, actor, { planId: parsed.data.planId });
  if (!outcome.ok) {
    if (outcome.code === "not_found") return notFoundJson(outcome.message);
    return NextResponse.json({ error: outcome.code, message: outcome.message, missing: outcome.missing.map((m) => ({ field: m.from ?? m.key, label: m.label })) }, { status: 409 });
  }
  return new Response(outcome.body, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${outcome.filename}"`,
      "cache-control": "no-store, no-transform",
      "x-content-type-options": "nosniff",
    },
  });
});
