"use server";

import { redirect } from "next/navigation";
import { endSession } from "./end-session";

/** The "Esci" button of the signed-in pages' header (lib/auth/end-session.ts). */
export async function signOutAction(): Promise<void> {
  redirect(await endSession());
}
