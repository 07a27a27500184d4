"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn, SIGN_IN_ERRORS, type SignInError } from "@/lib/auth/auth";
import type { SignInState } from "@/lib/auth/sign-in-state";
import { safeLocalPath } from "@/lib/safe-path";

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

export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = SignInInput.safeParse(Object.fromEntries(formData));
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
