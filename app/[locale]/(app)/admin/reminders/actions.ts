"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db/client";
import { scopedAction } from "@/lib/auth/authed-action";
import type { RunRemindersState } from "@/lib/reminders/form-state";
import { sendReminders } from "@/lib/reminders/send";

/**
 * The "send reminders now" button (no input): the same run as `npm run reminders`, for the
 * caller's scope only (a company admin's company, a department manager's departments),
 * answered with its counts.
 */
export const runRemindersAction = scopedAction("reminders:send", z.object({}), async (_input, _user, scope): Promise<RunRemindersState> => {
  const report = await sendReminders(db(), new Date(), { scope });
  revalidatePath("/[locale]/admin/outbox", "page");
  return { ok: true, report };
});
