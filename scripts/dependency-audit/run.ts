/**
 * `npm run audit:deps [-- --strict]` — `npm audit --omit=dev`, failing on any high or
 * critical advisory that scripts/dependency-audit/exceptions.json (and the README) does not
 * explain. When the registry cannot answer the audit (the development machine's mirror
 * refuses it with 405) it says so and exits 0, or 1 with `--strict` (use that where the
 * public registry is reachable, e.g. before a release).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { auditVerdict, type AuditException } from "./verdict";

const strict = process.argv.includes("--strict");
const exceptions = JSON.parse(fs.readFileSync(path.join(__dirname, "exceptions.json"), "utf8")) as AuditException[];
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const r = spawnSync(npm, ["audit", "--omit=dev", "--json"], { encoding: "utf8", timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
const verdict = auditVerdict(r.stdout ?? "", exceptions);

switch (verdict.kind) {
  case "clean":
    console.log(`npm audit --omit=dev: no high or critical advisory (${verdict.counted} packages with lower ones).`);
    process.exit(0);
  case "blocked":
    console.error("npm audit --omit=dev: high or critical advisories not explained in the README:");
    for (const f of verdict.findings) console.error(`  ${f.severity.padEnd(8)} ${f.package}: ${f.title} ${f.advisory}`);
    console.error("Update the package, or explain the advisory in the README and in scripts/dependency-audit/exceptions.json.");
    process.exit(1);
  case "unavailable":
    console.warn(`npm audit --omit=dev could not run: ${verdict.reason}`);
    console.warn(strict ? "--strict: failing." : "Not checked here; run `npm run audit:deps -- --strict` where the public registry answers.");
    process.exit(strict ? 1 : 0);
}
