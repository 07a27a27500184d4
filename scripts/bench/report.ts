/**
 * The targets the benchmark checks, and the table it prints. A target is PASS or MISS (or
 * N/A when the feature it measures is not available yet); the benchmark itself never fails
 * on a MISS — it reports.
 */

export type Status = "PASS" | "MISS" | "N/A";
export type TargetRow = { id: string; what: string; goal: string; measured: string; status: Status };

export type TargetInput = {
  lesson?: { ratioToStatic: number; ratioToAuthFloor: number; p99: number };
  course?: { ratioToAuthFloor: number | null };
  heartbeat?: { ratioToStatic: number; ratioToPostFloor: number | null; failures: number };
  /** `rps`: the slowest of the runs (the target holds in each of them). */
  submit?: { rps: number; failures: number };
  /** The participants page's median time on an idle server, and the dataset's size. */
  participants?: { ms: number; learners: number } | null;
  registerRatio?: number | null;
  certificatesSeconds1000?: number | null;
  rssMB?: number;
};

const fx = (n: number, d = 2) => n.toFixed(d);

export function evaluateTargets(t: TargetInput): TargetRow[] {
  const row = (id: string, what: string, goal: string, value: number | null | undefined, measured: (v: number) => string, ok: (v: number) => boolean): TargetRow =>
    value === null || value === undefined
      ? { id, what, goal, measured: "not available", status: "N/A" }
      : { id, what, goal, measured: measured(value), status: ok(value) ? "PASS" : "MISS" };
  return [
    row("lesson.ratioToStatic", "lesson page vs static file", "≥ 0.20×", t.lesson?.ratioToStatic, (v) => `${fx(v)}×`, (v) => v >= 0.2),
    row("lesson.ratioToAuthFloor", "lesson page vs no-op authenticated route", "≥ 0.85×", t.lesson?.ratioToAuthFloor, (v) => `${fx(v)}×`, (v) => v >= 0.85),
    row("lesson.p99", "lesson page p99 latency", "< 150 ms", t.lesson?.p99, (v) => `${v} ms`, (v) => v < 150),
    row("heartbeat.ratioToStatic", "heartbeat vs static file", "≥ 0.20×", t.heartbeat?.ratioToStatic, (v) => `${fx(v)}×`, (v) => v >= 0.2),
    row("course.ratioToAuthFloor", "course page vs no-op authenticated route", "≥ 0.50×", t.course?.ratioToAuthFloor, (v) => `${fx(v)}×`, (v) => v >= 0.5),
    row("heartbeat.ratioToPostFloor", "heartbeat vs authenticated POST floor", "≥ 0.90×", t.heartbeat?.ratioToPostFloor, (v) => `${fx(v)}×`, (v) => v >= 0.9),
    row("heartbeat.errors", "heartbeat errors + non-2xx", "0", t.heartbeat?.failures, (v) => String(v), (v) => v === 0),
    row("submit.rps", "final-test submit throughput, slowest run", "≥ 500 req/s", t.submit?.rps, (v) => `${fx(v, 0)} req/s`, (v) => v >= 500),
    row("submit.errors", "final-test submit errors + non-2xx", "0", t.submit?.failures, (v) => String(v), (v) => v === 0),
    row("register.ratioToSqlite", "register CSV over HTTP vs sqlite3 CLI", "≤ 2.0×", t.registerRatio, (v) => `${fx(v)}×`, (v) => v <= 2),
    row("certificates.seconds1000", "1,000 certificates + ZIP", "< 10 s", t.certificatesSeconds1000, (v) => `${fx(v)} s`, (v) => v < 10),
    row("server.rssMB", "server peak RSS", "< 300 MB", t.rssMB, (v) => `${fx(v, 0)} MB`, (v) => v < 300),
    participantsRow(t.participants),
  ];
}

/** Participants page: < 150 ms for 10,000 learners, < 300 ms for 30,000 (in between, in proportion). */
function participantsRow(p: TargetInput["participants"]): TargetRow {
  const what = "admin participants page, idle server";
  if (!p) return { id: "adminParticipants.ms", what, goal: "< 150 ms (10k) / < 300 ms (30k)", measured: "not available", status: "N/A" };
  const limit = p.learners <= 10_000 ? 150 : p.learners >= 30_000 ? 300 : 150 + ((p.learners - 10_000) / 20_000) * 150;
  return {
    id: "adminParticipants.ms",
    what: `${what} (${p.learners} learners)`,
    goal: `< ${Math.round(limit)} ms`,
    measured: `${fx(p.ms, 0)} ms`,
    status: p.ms < limit ? "PASS" : "MISS",
  };
}

/** A plain-text table (also pasted into the README). */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}
