"use server";

import type { SetPasswordState } from "@/lib/account/form-state";
import { setPasswordFromForm } from "../../reset-password/_actions/set-password";

/** Public: sets the first password through an invitation link. */
export async function acceptInvitationAction(_prev: SetPasswordState, formData: FormData): Promise<SetPasswordState> {
  return setPasswordFromForm("invite", formData);
}
