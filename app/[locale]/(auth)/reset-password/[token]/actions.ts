"use server";

import type { SetPasswordState } from "@/lib/account/form-state";
import { setPasswordFromForm } from "../_actions/set-password";

/** Public: sets a new password through a reset link and ends every open session of the account. */
export async function resetPasswordAction(_prev: SetPasswordState, formData: FormData): Promise<SetPasswordState> {
  return setPasswordFromForm("reset", formData);
}
