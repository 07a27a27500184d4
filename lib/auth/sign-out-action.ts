"use server";

import { signOut } from "@/lib/auth/auth";

/** Ends the Auth.js cookie and, through its signOut event, the access-log session. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
