import "server-only";
import { forbidden, redirect } from "next/navigation";
import { NextResponse } from "next/server";
import { crossOriginRefusal } from "@/lib/http";
import { can, type Permission } from "./permissions";
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

export type ApiContext<P> = { user: CurrentUser; params: P };

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
    const user = await getCurrentUser();
    if (!user) return NextResponse.json({ error: "unauthorized", message: "Sign in first." }, { status: 401 });
    if (!can(user, permission)) return NextResponse.json({ error: "forbidden", message: "You may not do this." }, { status: 403 });
    return handler(req, { user, params: await segment.params });
  };
}
