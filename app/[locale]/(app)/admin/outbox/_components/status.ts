export type OutboxStatus = "sent" | "failed" | "queued" | "held";

/** Delivered, failed (will be retried), waiting for delivery, or held because no SMTP is configured. */
export function outboxStatus(row: { sentAt: Date | null; error: string | null }, smtp: boolean): OutboxStatus {
  if (row.sentAt) return "sent";
  if (row.error) return "failed";
  return smtp ? "queued" : "held";
}

export const STATUS_BADGE: Record<OutboxStatus, string> = {
  sent: "badge badge--completed",
  failed: "badge badge--off",
  queued: "badge badge--available",
  held: "badge badge--locked",
};
