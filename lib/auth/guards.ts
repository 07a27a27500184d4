import "server-only";
import { forbidden, redirect } from "next/navigation";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { can, type Permission } from "./permissions";
import type { CompanyScope } from "./scope";
import { getCurrentUser, type CurrentUser } from "./session";

/** Pages: the signed-in user, or a redirect to sign-in. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
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
 * Route handlers: 401 without a session, 403 without the permission. JSON answers, since
 * these are called by scripts and fetch, not navigated to.
 */
export function withPermission<P = unknown>(
  permission: Permission,
  handler: (req: Request, ctx: ApiContext<P>) => Promise<Response> | Response,
) {
  return async (req: Request, segment: { params: Promise<P> }): Promise<Response> => {
    const user = await getCurrentUser();
    if (!user) return NextResponse.json({ error: "unauthorized", message: "Sign in first." }, { status: 401 });
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

export type ActionState = { ok: boolean; message?: string; fieldErrors?: Record<string, string[]> } | null;

/**
 * Server actions: authorize → parse FormData with zod → run. The same shape for every
 * action, so none can forget the check (server actions are public HTTP endpoints).
 */
export function authedAction<S extends z.ZodType>(
  permission: Permission,
  schema: S,
  fn: (input: z.infer<S>, user: CurrentUser) => Promise<ActionState> | ActionState,
) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    // Refuse with a state, not by throwing: the caller's page then renders its own 403.
    const user = await getCurrentUser();
    if (!user) return { ok: false, message: "unauthorized" };
    if (!can(user, permission)) return { ok: false, message: "forbidden" };
    const parsed = schema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "_"] ??= []).push(issue.message);
      return { ok: false, message: "invalid", fieldErrors };
    }
    return fn(parsed.data, user);
  };
}

/**
 * Server actions on company data: `authedAction` with the session's scope. Whatever the action
 * looks up (a person, a plan, a rule) must be looked up inside `scope`: what lies outside is
 * answered `not_found`, exactly like what does not exist.
 */
export function scopedAction<S extends z.ZodType>(
  permission: Permission,
  schema: S,
  fn: (input: z.infer<S>, user: CurrentUser, scope: CompanyScope) => Promise<ActionState> | ActionState,
) {
  return authedAction(permission, schema, (input, user) => (user.scope ? fn(input, user, user.scope) : { ok: false, message: "not_found" }));
}
