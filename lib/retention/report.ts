import { FUND_LABELS_IT } from "@/lib/reports/funding";
import { FUNDED_EVIDENCE_YEARS } from "./funded-evidence";
import type { RollupResult } from "./heartbeats";

const fundLabel = (fund: string) => (FUND_LABELS_IT as Record<string, string>)[fund] ?? fund;

/** What `db:retention` prints: what was rolled up, what was kept back and why, per plan. Pure. */
export function retentionReport(r: RollupResult, retentionDays: number): string {
  const lines = [`Heartbeats before ${r.cutoff.toISOString()} (older than ${retentionDays} days): ${r.rolledUp} rolled up into daily totals (${r.days} day rows written).`];
  if (r.heldPlans.length === 0) {
    lines.push("No funded plan holds evidence: nothing kept back.");
  } else {
    lines.push(
      `Kept back ${r.kept} heartbeat${r.kept === 1 ? "" : "s"} older than ${retentionDays} days: raw evidence of funded plans is kept until ${FUNDED_EVIDENCE_YEARS} years after the plan ends (plans without an end date are open).`,
    );
    for (const p of r.heldPlans) {
      const until = p.keptThrough ? `ends ${p.endsOn}, kept through ${p.keptThrough}` : p.endsOn ? `end date "${p.endsOn}" unreadable, kept` : "no end date: open, kept";
      lines.push(`  plan ${p.id} "${p.title}" (company ${p.companyId}, ${fundLabel(p.fund)}; ${until}): ${p.heartbeats} heartbeat${p.heartbeats === 1 ? "" : "s"} kept back`);
    }
  }
  lines.push("Sign-in sessions, quiz attempts, completions, certificates and audit events are never deleted by db:retention.");
  return lines.join("\n");
}
