import type { PasswordMessageKey } from "@/lib/auth/password-messages";
import { checkPassword, MAX_LENGTH, MIN_LENGTH } from "@/lib/auth/password-policy";

export const PASSWORD_MIN_LENGTH = MIN_LENGTH;
export const PASSWORD_MAX_LENGTH = MAX_LENGTH;

/** The shared password policy's problems, plus the two of a "type it twice" form. */
export type PasswordProblem = "required" | "mismatch" | PasswordMessageKey;

/**
 * A new password chosen through an invitation or reset link: the shared policy
 * (`lib/auth/password-policy.ts`: length, common passwords, the e-mail's local part, trivial
 * sequences) and the confirmation. Returns every problem, empty when the password is fine.
 */
export function checkNewPassword(password: string, confirmation: string, email: string): PasswordProblem[] {
  if (password.length === 0) return ["required"];
  const policy = checkPassword(password, { email });
  const problems: PasswordProblem[] = policy.ok ? [] : [...policy.issues];
  if (password !== confirmation) problems.push("mismatch");
  return problems;
}
