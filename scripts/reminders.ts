/**
 * `npm run reminders`: due-date reminders (lib/reminders/send.ts), then a retry of mails whose
 * delivery failed earlier. Safe to run from cron as often as you like: each reminder is sent
 * once per person, course, kind and due date. Exit code 1 when some delivery failed.
 */
import { openDatabase } from "@/db/open";
import { env } from "@/lib/env";
import { retryUndelivered } from "@/lib/mail/deliver";
import { sendReminders } from "@/lib/reminders/send";

async function main() {
  try {
    env();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
  const d = openDatabase();
  try {
    const r = await sendReminders(d, new Date());
    if (r.cyclesOpened) console.log(`Campaigns: ${r.cyclesOpened} new cycle(s) opened (recertification).`);
    const retried = await retryUndelivered(d);
    console.log(
      `Reminders: ${r.dueSoon} due soon, ${r.overdue} overdue (${r.alreadySent} already sent earlier). ` +
        `Delivery: ${r.delivery.sent} sent, ${r.delivery.failed} failed, ${r.delivery.held} kept in the outbox` +
        (env().SMTP_URL ? "." : " (SMTP_URL is not set)."),
    );
    if (retried.sent + retried.failed > 0) console.log(`Earlier mails retried: ${retried.sent} sent, ${retried.failed} failed.`);
    if (r.delivery.failed + retried.failed > 0) process.exitCode = 1;
  } finally {
    d.sqlite.close();
  }
}

void main();
