/**
 * What `npm audit --omit=dev --json` means for a release: pure, so it is tested on canned
 * answers (the development machine's registry mirror cannot answer the audit endpoint).
 */

export type Severity = "info" | "low" | "moderate" | "high" | "critical";
const BLOCKING: ReadonlySet<Severity> = new Set(["high", "critical"]);

/** An advisory the README explains (security/audit-exceptions.json): package, advisory URL, why it does not apply. */
export type AuditException = { package: string; advisory: string; reason: string };

type AuditJson = {
  vulnerabilities?: Record<string, { severity?: Severity; via?: (string | { url?: string; severity?: Severity; title?: string })[] }>;
  statusCode?: number;
  message?: string;
  error?: { code?: string; summary?: string };
};

export type AuditVerdict =
  | { kind: "clean"; counted: number }
  | { kind: "blocked"; findings: { package: string; severity: Severity; advisory: string; title: string }[] }
  | { kind: "unavailable"; reason: string };

export function auditVerdict(raw: string, exceptions: readonly AuditException[]): AuditVerdict {
  let json: AuditJson;
  try {
    json = JSON.parse(raw) as AuditJson;
  } catch {
    return { kind: "unavailable", reason: "npm audit did not answer with JSON" };
  }
  if (!json.vulnerabilities) {
    const reason = json.message ?? json.error?.summary ?? json.error?.code ?? "npm audit returned no report";
    return { kind: "unavailable", reason };
  }
  const excepted = new Set(exceptions.map((e) => `${e.package} ${e.advisory}`));
  const findings: { package: string; severity: Severity; advisory: string; title: string }[] = [];
  for (const [name, v] of Object.entries(json.vulnerabilities)) {
    for (const via of v.via ?? []) {
      // A string `via` points at another package's advisory, reported under that package.
      if (typeof via === "string" || !via.severity || !BLOCKING.has(via.severity)) continue;
      const advisory = via.url ?? "(no url)";
      if (excepted.has(`${name} ${advisory}`)) continue;
      findings.push({ package: name, severity: via.severity, advisory, title: via.title ?? "" });
    }
  }
  return findings.length ? { kind: "blocked", findings } : { kind: "clean", counted: Object.keys(json.vulnerabilities).length };
}
