import type { SignInError } from "./auth";

/** What the sign-in form gets back: why it was refused (`minutes` to wait when rate limited). */
export type SignInState = { error: SignInError | "missing" | "unknown"; minutes?: number } | null;

/** The e-mail step's answer: go on with the password (`email` kept), or why not. */
export type EmailStepState = { step: "password"; email: string } | { step: "email"; error: "missingEmail" | "unavailable"; email?: string } | null;
