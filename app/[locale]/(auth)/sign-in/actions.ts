"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn, SIGN_IN_ERRORS, type SignInError } from "@/lib/auth/auth";
import type { EmailStepState, SignInState } from "@/lib/auth/sign-in-state";
import { safeLocalPath } from "@/lib/safe-path";
import { db } from "@/db/client";
import { ssoForEmail } from "@/db/queries/sso";
import { ssoProviderId } from "@/lib/sso/settings";
import { unstable_rethrow } from "next/navigation";

const SignInInput = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
  callbackUrl: z.string().max(2048).optional(),
});

/** Parses the error code our `authorize()` puts on CredentialsSignin ("code" or "code:detail"). */
function toState(code: string | undefined): SignInState {
  const [kind, detail] = (code ?? "").split(":");
  const error = (SIGN_IN_ERRORS as readonly string[]).includes(kind ?? "") ? (kind as SignInError) : "unknown";
  if (error === "rate_limited") {
    const minutes = Math.max(1, Math.ceil((Number(detail) - Date.now()) / 60_000));
    return { error, minutes: Number.isFinite(minutes) ? minutes : 15 };
  }
  return { error };
}

/** A posted form's fields; anything else a client may post to an action (e.g. `[]`) has none, and validation refuses it. */
function formFields(formData: unknown): Record<string, unknown> {
  return formData instanceof FormData ? Object.fromEntries(formData) : {};
}

export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = SignInInput.safeParse(formFields(formData));
  if (!parsed.success) return { error: "missing" };
  try {
    // "/" routes each role to its own landing page.
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeLocalPath(parsed.data.callbackUrl, "/"),
    });
    return null;
  } catch (e) {
    if (e instanceof AuthError) {
      return e.type === "CredentialsSignin" ? toState((e as AuthError & { code?: string }).code) : { error: "unknown" };
    }
    throw e; // Next's redirect is an exception too
  }
}

const EmailInput = z.object({
  email: z.string().trim().toLowerCase().max(320).pipe(z.email()),
  callbackUrl: z.string().max(2048).optional(),
});


/**
 * The first step of the sign-in: the e-mail. A person whose domain belongs to a company with
 * single sign-on on is sent to that company's provider (the e-mail goes along as `login_hint`);
 * everybody else goes on with the password. Nothing here says whether an account exists: the
 * answer depends on the domain alone. Administrators of an SSO company reach the password
 * through the page's "password" link (their break-glass way in).
 */
export async function continueAction(_prev: EmailStepState, formData: FormData): Promise<EmailStepState> {
  const parsed = EmailInput.safeParse(formFields(formData));
  if (!parsed.success) return { step: "email", error: "missingEmail" };
  const sso = await ssoForEmail(db(), parsed.data.email);
  if (!sso) return { step: "password", email: parsed.data.email };
  try {
    await signIn(ssoProviderId(sso.companyId), { redirectTo: safeLocalPath(parsed.data.callbackUrl, "/") }, { login_hint: parsed.data.email });
  } catch (e) {
    unstable_rethrow(e); // Next's redirect to the provider is an exception
    console.error(`[auth] single sign-on of company ${sso.companyId} unavailable: ${(e as Error).message}`);
    return { step: "email", error: "unavailable", email: parsed.data.email };
  }
  return null;
}
