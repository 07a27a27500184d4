import type { SignInError } from "./auth";

/** What the sign-in form gets back: why it was refused (`minutes` to wait when rate limited). */
export type SignInState = { error: SignInError | "missing" | "unknown"; minutes?: number } | null;
