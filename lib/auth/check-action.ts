import type { z } from "zod";
import type { FieldErrors } from "@/lib/forms/form-state";
import { parseForm, type FormInput } from "@/lib/forms/parse-form";
import { can, type Permission } from "./permissions";
import type { CurrentUser } from "./session";

/**
 * Who may call an action: the holders of a permission, or anyone signed in (`"signed-in"`: the
 * privacy notice, which every role acknowledges before anything else).
 */
export type Access = Permission | "signed-in";

export type ActionCheck<T> =
  | { ok: true; user: CurrentUser; data: T }
  | { ok: false; refusal: "unauthorized" | "forbidden" }
  | { ok: false; refusal: "invalid"; fieldErrors: FieldErrors };

/**
 * The first two steps of every server action, in this order: who is asking (nothing about the
 * input is looked at before that), then the input. A body that is not a form (an action
 * called directly with other arguments) is invalid input, not a crash.
 */
export function checkAction<S extends z.ZodType>(user: CurrentUser | null, access: Access, form: FormInput<S>, formData: unknown): ActionCheck<z.infer<S>> {
  if (!user) return { ok: false, refusal: "unauthorized" };
  if (access !== "signed-in" && !can(user, access)) return { ok: false, refusal: "forbidden" };
  if (!(formData instanceof FormData)) return { ok: false, refusal: "invalid", fieldErrors: { _: ["invalid"] } };
  const parsed = parseForm(form, formData);
  return parsed.ok ? { ok: true, user, data: parsed.data } : { ok: false, refusal: "invalid", fieldErrors: parsed.fieldErrors };
}
