"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { sendReminders, type ReminderReport } from "@/lib/reminders/send";

export type RunRemindersState = { ok: true; report: ReminderReport } | { ok: false; error: "unauthorized" | "forbidden" } | null;

/**
 * The "send reminders now" button: the same run as `npm run reminders`, for the caller's scope. Written out instead of
 * `authedAction` because it takes no input and answers with counts; the steps are the same:
 * authorize, act, revalidate.
 */
export async function runRemindersAction(): Promise<RunRemindersState> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: "unauthorized" };
  if (!can(user, "reminders:send") || !user.scope) return { ok: false, error: "forbidden" };
  // Only the people of the caller's scope: a company admin's company, a department manager's departments.
  const report = await sendReminders(db(), new Date(), { scope: user.scope });
  revalidatePath("/[locale]/admin/outbox", "page");
  return { ok: true, report };
}
