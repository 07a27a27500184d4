import fs from "node:fs";
import path from "node:path";
import type { Reporter, TestCase, TestResult } from "@playwright/test/reporter";
import { SCREENSHOTS_DIR, type Finding } from "./capture";

type Captured = { role: string; page: string; state: string; files: string[]; findings: Finding[]; timings?: Record<string, number> };
type Row = Captured & { status: TestResult["status"]; error?: string; seconds: number };

/**
 * Writes `test-results/screenshots/summary.md` (and `.json`): per page and state, the
 * screenshots and what is wrong on each, and prints the totals per check.
 */
export default class SummaryReporter implements Reporter {
  private rows: Row[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    const attachment = result.attachments.find((a) => a.name === "capture" && a.body);
    const captured: Captured = attachment ? JSON.parse(attachment.body!.toString("utf8")) : { role: "", page: test.title, state: "", files: [], findings: [] };
    // A test that failed before its capture (the state could not be reached) is listed with its error.
    const error = attachment && result.status === "failed" && !captured.findings.length ? firstLine(result.error?.message) : !attachment && result.status !== "passed" ? firstLine(result.error?.message) : undefined;
    this.rows.push({ ...captured, status: result.status, error, seconds: result.duration / 1000 });
  }

  onEnd(): void {
    fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    const rows = this.rows.sort((a, b) => `${a.page} ${a.role} ${a.state}`.localeCompare(`${b.page} ${b.role} ${b.state}`));
    fs.writeFileSync(path.join(SCREENSHOTS_DIR, "summary.json"), JSON.stringify(rows, null, 2));
    const findings = rows.flatMap((r) => r.findings);
    const byCheck = new Map<string, number>();
    for (const f of findings) byCheck.set(f.check, (byCheck.get(f.check) ?? 0) + 1);
    const lines = [
      "# Screenshots: what every role sees",
      "",
      `${rows.length} states, ${rows.reduce((n, r) => n + r.files.length, 0)} screenshots; ${findings.length} findings; ${rows.filter((r) => r.error).length} states not reached.`,
      "",
      ...[...byCheck].map(([check, n]) => `- ${check}: ${n}`),
      "",
      "| page | role | state | result | screenshots |",
      "|---|---|---|---|---|",
      ...rows.map((r) => `| ${r.page} | ${r.role} | ${r.state} | ${r.error ? `not reached: ${r.error}` : r.findings.length ? `${r.findings.length} findings` : "ok"} | ${r.files.map((f) => path.relative(SCREENSHOTS_DIR, f)).join(", ")} |`),
      "",
      "## Findings",
      "",
      ...rows.flatMap((r) =>
        r.findings.length ? [`### ${r.page} · ${r.role} · ${r.state}`, "", ...r.findings.map((f) => `- ${f.width} px · **${f.check}**: ${escape(f.detail)} (${path.relative(SCREENSHOTS_DIR, f.screenshot)})`), ""] : [],
      ),
    ];
    fs.writeFileSync(path.join(SCREENSHOTS_DIR, "summary.md"), lines.join("\n"));
    console.log(`\nScreenshots: ${rows.length} states, ${findings.length} findings (${[...byCheck].map(([c, n]) => `${c} ${n}`).join(", ") || "none"}).`);
    const phases = new Map<string, number>();
    for (const r of rows) for (const [k, ms] of Object.entries(r.timings ?? {})) phases.set(k, (phases.get(k) ?? 0) + ms);
    const total = rows.reduce((s, r) => s + r.seconds, 0);
    console.log(`Time in states: ${total.toFixed(0)} s (${[...phases].map(([k, ms]) => `${k} ${(ms / 1000).toFixed(0)} s`).join(", ")}; the rest is reaching the states).`);
    console.log(`Summary: ${path.join(SCREENSHOTS_DIR, "summary.md")}`);
  }
}

function firstLine(message: string | undefined): string {
  return (message ?? "unknown error").replace(/\u001b\[[0-9;]*m/g, "").split("\n")[0]!.slice(0, 200);
}

function escape(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
