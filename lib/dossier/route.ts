import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db/client";
import { notFoundJson, withScope } from "@/lib/auth/guards";
import { badRequest } from "@/lib/http";
import { dossierDownload } from "./documents";
import type { DossierDocument } from "./export-labels";

const Id = z.coerce.number({ error: "must be a positive whole number" }).int({ error: "must be a positive whole number" }).positive({ error: "must be a positive whole number" }).max(Number.MAX_SAFE_INTEGER);
const ParamsSchema = z.object({ planId: Id, userId: Id.optional() });

type Params = { planId: string; userId?: string };

/**
 * The handler of one dossier download (`GET /api/admin/plans/<planId>/…pdf`): admins, and the
 * plan's inspector (`plans:dossier`); ids parsed (400 when malformed); a plan or participant outside the
 * caller's scope is 404; a declaration that would print a blank is 409 with the missing fields
 * named in Italian. The PDF is an attachment, never cached; its SHA-256 is in the audit trail
 * and in the `x-content-sha256` header.
 */
export function dossierRoute(document: DossierDocument) {
  return withScope<Params>("plans:dossier", async (_req, { user, scope, params }) => {
    const parsed = ParamsSchema.safeParse(params);
    if (!parsed.success) return badRequest(parsed.error, 400);
    const { planId, userId } = parsed.data;
    const outcome = await dossierDownload(db(), scope, { userId: user.id, sessionId: user.sessionId }, { document, planId, userId });
    if (!outcome.ok) {
      if (outcome.code === "not_found") return notFoundJson(outcome.message);
      return NextResponse.json({ error: outcome.code, message: outcome.message, missing: outcome.missing.map((m) => ({ field: m.from ?? m.key, label: m.label })) }, { status: 409 });
    }
    const { bytes, filename, sha256 } = outcome.file;
    return new Response(Buffer.from(bytes), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${filename}"`,
        "content-length": String(bytes.byteLength),
        "cache-control": "no-store, no-transform",
        "x-content-type-options": "nosniff",
        "x-content-sha256": sha256,
      },
    });
  });
}
