import { describe, expect, it } from "vitest";
import { auditVerdict } from "./verdict";

const report = (vulnerabilities: object) => JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: {} });
const ADVISORY = "https://github.com/advisories/GHSA-xxxx-yyyy-zzzz";

describe("auditVerdict", () => {
  it("passes a report without high or critical advisories", () => {
    expect(auditVerdict(report({}), [])).toEqual({ kind: "clean", counted: 0 });
    const moderate = report({ foo: { severity: "moderate", via: [{ url: ADVISORY, severity: "moderate", title: "t" }] } });
    expect(auditVerdict(moderate, []).kind).toBe("clean");
  });

  it("blocks a high or critical advisory, once, under the package that has it", () => {
    const r = report({
      foo: { severity: "critical", via: [{ url: ADVISORY, severity: "critical", title: "RCE in foo" }] },
      bar: { severity: "critical", via: ["foo"] },
    });
    expect(auditVerdict(r, [])).toEqual({ kind: "blocked", findings: [{ package: "foo", severity: "critical", advisory: ADVISORY, title: "RCE in foo" }] });
  });

  it("lets through an advisory the README explains, and only that one", () => {
    const r = report({ foo: { severity: "high", via: [{ url: ADVISORY, severity: "high", title: "t" }, { url: `${ADVISORY}-2`, severity: "high", title: "u" }] } });
    const verdict = auditVerdict(r, [{ package: "foo", advisory: ADVISORY, reason: "not reachable" }]);
    expect(verdict).toMatchObject({ kind: "blocked", findings: [{ advisory: `${ADVISORY}-2` }] });
  });

  it("says the audit was unavailable when the registry refused it (as the development mirror does)", () => {
    const refused = JSON.stringify({ message: "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk", statusCode: 405 });
    expect(auditVerdict(refused, [])).toEqual({ kind: "unavailable", reason: expect.stringContaining("405") });
    expect(auditVerdict("not json", []).kind).toBe("unavailable");
  });
});
