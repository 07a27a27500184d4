"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db/client";
import { scopedAction, scopedFormAction } from "@/lib/auth/authed-action";
import { grantInspector, MAX_INSPECTOR_DAYS, revokeInspector } from "@/lib/inspector/grants";
import type { GrantState } from "@/lib/inspector/form-state";

const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const GrantInput = z.object({
  planId: Id,
  email: z.string().trim().toLowerCase().pipe(z.email({ error: "inspector.errors.email" })),
  days: z.coerce.number({ error: "inspector.errors.days" }).int({ error: "inspector.errors.days" }).min(1, { error: "inspector.errors.days" }).max(MAX_INSPECTOR_DAYS, { error: "inspector.errors.days" }),
});

/**
 * "Accesso ispettore": an admin gives a fund's auditor read-only access to a plan of the scope.
 * The answer carries the one-time link, shown once (only its hash is stored).
 */
export const grantInspectorAction = scopedAction("company:manage", { schema: GrantInput, echo: true }, async ({ planId, email, days }, user, scope): Promise<GrantState> => {
  const r = await grantInspector(db(), { planId, email, days, scope, actorUserId: user.id, sessionId: user.sessionId });
  if (!r.ok) return r.error === "plan_not_found" ? { ok: false, message: "not_found" } : { ok: false, fieldErrors: { email: [`inspector.errors.${r.error}`] } };
  revalidatePath(`/[locale]/admin/plans/${planId}`, "page");
  return { ok: true, link: r.link, linkExpiresAt: r.linkExpiresAt.getTime(), expiresAt: r.expiresAt.getTime(), email };
});

/** Ends an inspector's access to a plan of the scope at once (another plan's grant: 404). */
export const revokeInspectorAction = scopedFormAction(
  "company:manage",
  { schema: z.object({ planId: Id, userId: Id }), onInvalid: "/admin/plans" },
  async ({ planId, userId }, user, scope) => {
    const done = await revokeInspector(db(), { scope, planId, userId, actorUserId: user.id, sessionId: user.sessionId });
    redirect(done ? `/admin/plans/${planId}?revoked=1#inspectors` : `/admin/plans/${planId}#inspectors`);
  },
);
