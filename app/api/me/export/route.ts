import { NextResponse } from "next/server";
import { db } from "@/db/client";
import { withPermission } from "@/lib/auth/guards";
import { appendAuditEvent } from "@/lib/audit/trail";
import { exportPersonalData } from "@/lib/me/data-export";

/**
 * POST /api/me/export — the signed-in person's own data as a JSON download (any role). A POST,
 * not a link: the download is recorded in the audit trail, and a GET must never change
 * anything (nor be triggered by another site's `<img>`). No body needed.
 */
export const POST = withPermission("self:data", async (_req, { user }) => {
  const d = db();
  const data = await exportPersonalData(d, user.id);
  await appendAuditEvent(d, { type: "data.export", actorUserId: user.id, sessionId: user.sessionId, subject: `user:${user.id}` });
  return new NextResponse(JSON.stringify(data, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="binomio-dati-${user.id}.json"`,
      "cache-control": "no-store",
    },
  });
});
