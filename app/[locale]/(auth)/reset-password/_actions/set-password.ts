import "server-only";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db/client";
import type { SetPasswordState } from "@/lib/account/form-state";
import { setPasswordWithToken } from "@/lib/account/set-password";
import { LINK_PATHS, type TokenPurpose } from "@/lib/account/tokens";

const Input = z.object({
  token: z.string().max(100),
  password: z.string().max(4096),
  confirmation: z.string().max(4096),
});

/**
 * The body of both set-password actions (invitation, reset). On success the user goes to the
 * sign-in page with a notice; a link that stopped working meanwhile (used in another tab,
 * expired) reloads its page, which then says so and offers a new one.
 */
export async function setPasswordFromForm(purpose: TokenPurpose, formData: FormData): Promise<SetPasswordState> {
  const parsed = Input.safeParse({
    token: formData.get("token") ?? "",
    password: formData.get("password") ?? "",
    confirmation: formData.get("confirmation") ?? "",
  });
  if (!parsed.success) return { errors: ["password.tooLong"] };
  const result = await setPasswordWithToken(db(), { purpose, ...parsed.data });
  if (result.ok) redirect("/sign-in?notice=password-set");
  if (result.error === "link") redirect(`${LINK_PATHS[purpose]}/${encodeURIComponent(parsed.data.token)}`);
  return { errors: result.problems };
}
