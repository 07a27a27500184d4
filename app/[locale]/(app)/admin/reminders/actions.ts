"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db/client";
import { authedAction } from "@/lib/auth/authed-action";
import type { RunRemindersState } from "@/lib/reminders/form-state";
import { sendReminders } from "@/lib/reminders/send";

/** The "send reminders now" button (no input): the same run as `npm run reminders`, answered with its counts. */
export const runRemindersAction = authedAction("people:manage", z.object({}), async (): Promise<RunRemindersState> => {
  const report = await sendReminders(db(), new Date());
  revalidatePath("/[locale]/admin/outbox", "page");
  return { ok: true, report };
});
