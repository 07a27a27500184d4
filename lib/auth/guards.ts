import "server-only";
import { forbidden, redirect } from "next/navigation";
import { NextResponse } from "next/server";
import { crossOriginRefusal } from "@/lib/http";
import { can, type Permission } from "./permissions";
import type { CompanyScope } from "./scope";
import { auditInspectorPage, auditInspectorRequest } from "@/lib/inspector/view-audit";
import { getCurrentUser, userFromRequest, type CurrentUser } from "./session";

/** Pages: the signed-in user, or a redirect to sign-in. An inspector's request is audited here, once (every page goes through it). */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  await auditInspectorPage(user);
  return user;
}

/** Pages and server actions: signed in and allowed, else sign-in redirect or 403. */
export async function requirePermission(permission: Permission): Promise<CurrentUser> {
  const user = await requireUser();
  if (!can(user, permission)) forbidden();
  return user;
}

/**
 * Pages on company data: allowed, and the company data the session reaches. A provider admin of
 * an installation without companies is sent to create the first one.
 */
export async function requireScope(permission: Permission): Promise<{ user: CurrentUser; scope: CompanyScope }> {
  const user = await requirePermission(permission);
  if (!user.scope) {
    if (can(user, "companies:manage")) redirect("/admin/companies");
    forbidden();
  }
  return { user, scope: user.scope };
}

export type ApiContext<P> = { user: CurrentUser; params: P };
export type ScopedApiContext<P> = ApiContext<P> & { scope: CompanyScope };

/** JSON 404 for what is outside the caller's scope: existence is never revealed (no 403). */
export function notFoundJson(message = "Not found."): NextResponse {
  return NextResponse.json({ error: "not_found", message }, { status: 404 });
}

/**
 * Route handlers: 403 for a state-changing request from another origin (`crossOriginRefusal`),
 * 401 without a session, 403 without the permission. JSON answers, since these are called by
 * scripts and fetch, not navigated to.
 */
export function withPermission<P = unknown>(
  permission: Permission,
  handler: (req: Request, ctx: ApiContext<P>) => Promise<Response> | Response,
) {
  return async (req: Request, segment: { params: Promise<P> }): Promise<Response> => {
    const refusal = crossOriginRefusal(req);
    if (refusal) return refusal;
    // From the request itself, not `cookies()`: the heartbeat also runs outside Next's pipeline (lib/runtime/direct-routes.ts).
    const user = await userFromRequest(req);
    if (!user) return NextResponse.json({ error: "unauthorized", message: "Sign in first." }, { status: 401 });
    const url = new URL(req.url);
    await auditInspectorRequest(user, { path: url.pathname + url.search, method: req.method, kind: "file" });
    if (!can(user, permission)) return NextResponse.json({ error: "forbidden", message: "You may not do this." }, { status: 403 });
    return handler(req, { user, params: await segment.params });
  };
}

/** Route handlers on company data: as `withPermission`, with the session's scope (404 when it has none). */
export function withScope<P = unknown>(
  permission: Permission,
  handler: (req: Request, ctx: ScopedApiContext<P>) => Promise<Response> | Response,
) {
  return withPermission<P>(permission, (req, ctx) => (ctx.user.scope ? handler(req, { ...ctx, scope: ctx.user.scope }) : notFoundJson("No company yet.")));
}
