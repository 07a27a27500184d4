import type { PasswordProblem } from "./password-rules";

/** What the set-password forms get back (never the password itself). */
export type SetPasswordState = { errors: PasswordProblem[] } | null;

/** What the link-request forms get back: the same "sent" whatever the address. */
export type RequestLinkState = { status: "sent" | "invalid"; email?: string } | null;
