import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { db } from "@/db/client";
import { appendAuditEvent } from "@/lib/audit/trail";
import type { CurrentUser } from "@/lib/auth/session";
import { PATH_HEADER } from "./path-header";


/** One flag per request (React's `cache`), so a layout and its page guarding the same request audit it once. */
const auditedThisRequest = cache(() => ({ done: false }));

/**
 * Records what an inspector asked for: one `inspector.view` event per request, with the path,
 * the method and the plan. Anyone else is not recorded here (their evidence is the access log).
 */
export async function auditInspectorRequest(user: CurrentUser, req: { path: string; method: string; kind: "page" | "action" | "file" }): Promise<void> {
  if (user.scope?.via !== "inspector") return;
  await appendAuditEvent(db(), {
    type: "inspector.view",
    actorUserId: user.id,
    sessionId: user.sessionId,
    subject: `plan:${user.scope.planId}`,
    data: { path: req.path.slice(0, 500), method: req.method, kind: req.kind },
  });
}

/**
 * Pages and server actions: audits the request once. Router prefetches are skipped — they are
 * the browser guessing, not the inspector looking — and a server action is recorded as such
 * (the guard refuses it anyway: the role may change nothing).
 */
export async function auditInspectorPage(user: CurrentUser): Promise<void> {
  if (user.scope?.via !== "inspector") return;
  const flag = auditedThisRequest();
  if (flag.done) return;
  flag.done = true;
  const h = await headers();
  if (h.get("next-router-prefetch")) return;
  const action = h.has("next-action");
  await auditInspectorRequest(user, { path: h.get(PATH_HEADER) ?? "?", method: action ? "POST" : "GET", kind: action ? "action" : "page" });
}
