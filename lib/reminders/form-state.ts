import type { FormState } from "@/lib/forms/form-state";
import type { ReminderReport } from "./send";

/** The "send reminders now" button's state: the counts of the run it started. */
export type RunRemindersState = FormState<{ report?: ReminderReport }>;
