/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): self time per function and per package,
 * so a missed target can be traced to the code that spends the time.
 *
 *   npx tsx scripts/bench/profile-summary.ts bench/profiles/<file>.cpuprofile [top] [skip-ms]
 */
import fs from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples?: number[]; timeDeltas?: number[] };

export type ProfileLine = { name: string; ms: number; percent: number };
export type ProfileSummary = { totalMs: number; functions: ProfileLine[]; packages: ProfileLine[] };

/** Where a script comes from: an npm package, a Next chunk of the app, Node itself. */
function packageOf(url: string): string {
  if (!url) return "(native / V8)";
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) {
    // Next's compiled copies of other packages.
    const compiled = /next\/dist\/compiled\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    return compiled ? `next/compiled/${compiled[1]}` : nm[1]!;
  }
  if (url.includes("/.next/server/")) return "app (.next/server chunks)";
  if (url.startsWith("node:")) return "node core";
  return url;
}

/** `skipMs`: leave out the first milliseconds of the profile (the server's start-up). */
export function summariseProfile(file: string, top = 25, skipMs = 0): ProfileSummary {
  const p = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  if (p.samples && p.timeDeltas) {
    let elapsed = 0;
    p.samples.forEach((id, i) => {
      const dt = p.timeDeltas![i] ?? 0;
      elapsed += dt;
      if (elapsed >= skipMs * 1000) selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
    });
  } else {
    const total = p.endTime - p.startTime;
    const hits = p.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0) || 1;
    for (const n of p.nodes) selfUs.set(n.id, ((n.hitCount ?? 0) / hits) * total);
  }
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (!n) continue;
    const name = n.callFrame.functionName || "(anonymous)";
    if (name === "(idle)" || name === "(program)") continue;
    total += us;
    const where = n.callFrame.url ? `${name} ${n.callFrame.url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "")}:${n.callFrame.lineNumber + 1}` : name;
    fn.set(where, (fn.get(where) ?? 0) + us);
    const k = name === "(garbage collector)" ? "(garbage collector)" : packageOf(n.callFrame.url);
    pkg.set(k, (pkg.get(k) ?? 0) + us);
  }
  const lines = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10, percent: Math.round((us / (total || 1)) * 1000) / 10 }));
  return { totalMs: Math.round(total / 1000), functions: lines(fn), packages: lines(pkg) };
}

if (process.argv[1] && /profile-summary\.ts$/.test(process.argv[1])) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: tsx scripts/bench/profile-summary.ts <file.cpuprofile> [top] [skip-ms]");
    process.exit(2);
  }
  const s = summariseProfile(file, Number(process.argv[3] ?? 30), Number(process.argv[4] ?? 0));
  console.log(`busy CPU ${s.totalMs} ms (idle excluded)\n\nBy package:`);
  for (const l of s.packages) console.log(`${l.percent.toFixed(1).padStart(5)} %  ${l.ms.toFixed(0).padStart(7)} ms  ${l.name}`);
  console.log("\nBy function (self time):");
  for (const l of s.functions) console.log(`${l.percent.toFixed(1).padStart(5)} %  ${l.ms.toFixed(0).padStart(7)} ms  ${l.name}`);
}
