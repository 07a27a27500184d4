import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import type { z } from "zod";
import type { FormAction, FormState } from "@/lib/forms/form-state";
import { echo, formInput, type FormInput } from "@/lib/forms/parse-form";
import { checkAction, type Access } from "./check-action";
import type { Permission } from "./permissions";
import type { CompanyScope } from "./scope";
import { auditInspectorPage } from "@/lib/inspector/view-audit";
import { getCurrentUser, type CurrentUser } from "./session";

export type { Access } from "./check-action";

/** The caller of a server action; an inspector's attempt is audited (and then refused: the role changes nothing). */
async function auditedUser(): Promise<CurrentUser | null> {
  const user = await getCurrentUser();
  if (user) await auditInspectorPage(user);
  return user;
}

type Handler<S extends z.ZodType, R> = (input: z.infer<S>, user: CurrentUser) => R | Promise<R>;

/**
 * Server actions behind a form with `useActionState`: authorize → parse the FormData with zod →
 * run `fn`. Server actions are public HTTP endpoints, so none may skip a step; this makes them
 * the same everywhere, refusals included: `{ ok: false, message }` with "unauthorized" (no
 * session), "forbidden" (no permission) or "invalid" (with `fieldErrors`, and `values` when the
 * input asks for `echo`). With `echo`, a refusal by `fn` also gets the values back.
 * A form whose state has more than `FormState` annotates `fn`'s return type (`FormState<Extra>`);
 * `Extra` may not hold `ok`, so an unannotated `fn` returning `{ ok: true }` gets the plain state.
 */
export function authedAction<S extends z.ZodType, Extra extends { ok?: never }>(
  access: Access,
  input: S | FormInput<S>,
  fn: Handler<S, FormState<Extra>>,
): FormAction<Extra>;
export function authedAction<S extends z.ZodType>(access: Access, input: S | FormInput<S>, fn: Handler<S, FormState>): FormAction;
export function authedAction<S extends z.ZodType>(access: Access, input: S | FormInput<S>, fn: Handler<S, FormState>): FormAction {
  const form = formInput(input);
  return async (_prev, formData) => {
    // Refuse with a state, not by throwing: the form says why, in the page it belongs to.
    const check = checkAction(await auditedUser(), access, form, formData);
    if (!check.ok) {
      if (check.refusal !== "invalid") return { ok: false, message: check.refusal };
      return { ok: false, message: "invalid", fieldErrors: check.fieldErrors, ...(form.echo && formData instanceof FormData ? { values: echo(formData) } : {}) };
    }
    const state = await fn(check.data, check.user);
    return form.echo && state && !state.ok ? { values: echo(formData), ...state } : state;
  };
}

/**
 * Server actions behind a plain `<form action>`, which answer by redirecting. The same steps;
 * refusals as a page's: sign-in without a session, the 403 page without the permission, and a
 * redirect to `onInvalid` for input that does not parse.
 */
export function authedFormAction<S extends z.ZodType>(access: Access, input: FormInput<S> & { onInvalid: string }, fn: Handler<S, void>): (formData: FormData) => Promise<void> {
  return async (formData) => {
    const check = checkAction(await auditedUser(), access, input, formData);
    if (!check.ok && check.refusal === "unauthorized") redirect("/sign-in");
    if (!check.ok && check.refusal === "forbidden") forbidden();
    if (!check.ok) redirect(input.onInvalid);
    await fn(check.data, check.user);
  };
}

type ScopedHandler<S extends z.ZodType, R> = (input: z.infer<S>, user: CurrentUser, scope: CompanyScope) => R | Promise<R>;

/**
 * `authedAction` on company data, with the session's scope. Whatever the action looks up (a
 * person, a plan, a rule) must be looked up inside `scope`: what lies outside is answered
 * "not_found", exactly like what does not exist, and so is a session without a scope.
 */
export function scopedAction<S extends z.ZodType, Extra extends { ok?: never }>(
  access: Permission,
  input: S | FormInput<S>,
  fn: ScopedHandler<S, FormState<Extra>>,
): FormAction<Extra>;
export function scopedAction<S extends z.ZodType>(access: Permission, input: S | FormInput<S>, fn: ScopedHandler<S, FormState>): FormAction;
export function scopedAction<S extends z.ZodType>(access: Permission, input: S | FormInput<S>, fn: ScopedHandler<S, FormState>): FormAction {
  return authedAction(access, input, (data: z.infer<S>, user: CurrentUser) => (user.scope ? fn(data, user, user.scope) : { ok: false, message: "not_found" }));
}

/** `authedFormAction` on company data: a session without a scope gets the 404 page. */
export function scopedFormAction<S extends z.ZodType>(
  access: Permission,
  input: FormInput<S> & { onInvalid: string },
  fn: ScopedHandler<S, void>,
): (formData: FormData) => Promise<void> {
  return authedFormAction(access, input, (data: z.infer<S>, user: CurrentUser) => (user.scope ? fn(data, user, user.scope) : notFound()));
}
