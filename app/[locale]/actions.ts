"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signOut } from "@/lib/auth/auth";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/locales";
import { pathFromReferer, safeLocalPath } from "@/lib/safe-path";

const LocaleInput = z.object({ locale: z.enum(LOCALES) });

/** Remembers the UI language in a cookie (no URL prefix) and returns to the same page. */
export async function setLocaleAction(formData: FormData): Promise<void> {
  const parsed = LocaleInput.safeParse(Object.fromEntries(formData));
  const h = await headers();
  const back = safeLocalPath(pathFromReferer(h.get("referer"), h.get("host")));
  if (parsed.success) {
    (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, {
      path: "/",
      sameSite: "lax",
      maxAge: 60 * 60 * 24 * 365,
      httpOnly: false,
    });
  }
  redirect(back);
}

/** Ends the Auth.js cookie and, through its signOut event, the access-log session. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
