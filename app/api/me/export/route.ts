import { NextResponse } from "next/server";
import { db } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { appendAuditEvent } from "@/lib/audit/trail";
import { exportPersonalData } from "@/lib/me/data-export";

export const dynamic = "force-dynamic";

/** GET /api/me/export — the signed-in person's own data as a JSON download (any role). */
export async function GET() {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "unauthorized", message: "Sign in first." }, { status: 401 });
  const d = db();
  const data = exportPersonalData(d, user.id);
  appendAuditEvent(d, { type: "data.export", actorUserId: user.id, sessionId: user.sessionId, subject: `user:${user.id}` });
  return new NextResponse(JSON.stringify(data, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="binomio-dati-${user.id}.json"`,
      "cache-control": "no-store",
    },
  });
}
