import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db/client";
import { withScope } from "@/lib/auth/guards";
import { badRequest, readJson } from "@/lib/http";
import { changeActivation } from "@/lib/people/activation";

const Params = z.object({ id: z.coerce.number().int().positive() });
const Body = z.object({ active: z.boolean() }).strict();

/** PATCH /api/admin/people/:id {"active": false} — deactivate or reactivate (admins only). */
export const PATCH = withScope<{ id: string }>("people:manage", async (req, { user, scope, params }) => {
  const p = Params.safeParse(params);
  if (!p.success) return badRequest(p.error, 404);
  const body = await readJson(req, 1024);
  if (!body.ok) return body.response;
  const b = Body.safeParse(body.value);
  if (!b.success) return badRequest(b.error);
  const result = await changeActivation(db(), user.id, scope, p.data.id, b.data.active);
  if (!result.ok) {
    return result.error === "not_found"
      ? NextResponse.json({ error: "not_found", message: "No such person." }, { status: 404 })
      : NextResponse.json({ error: "self", message: "You cannot deactivate your own account." }, { status: 409 });
  }
  return NextResponse.json({ ok: true });
});
