import type { RowProblem } from "./csv-import";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * One problem of an employee-file row in words, wherever the rows are shown (the import's dry
 * run, the new-company form): `t` translates the `import` catalogue, `tn` the `tenancy` one.
 */
export function rowProblemText(p: RowProblem, t: Translate, tn: Translate): string {
  switch (p.code) {
    case "fiscal-code":
      return t("problem.fiscal-code", { value: p.value, reason: p.reason, expected: p.expected ?? "" });
    case "fiscal-code-taken-elsewhere":
    case "email-elsewhere":
    case "company-not-allowed":
      return tn(`importProblem.${p.code}`);
    case "company-unknown":
      return tn("importProblem.company-unknown", { value: p.value });
    case "missing":
    case "formula":
    case "too-long":
      return t(`problem.${p.code}`, { field: p.field });
    case "duplicate-email":
    case "duplicate-fiscal-code":
      return t(`problem.${p.code}`, { line: p.line });
    case "fiscal-code-taken":
      return t(`problem.${p.code}`, { email: p.email });
    case "email":
      return t(`problem.${p.code}`);
  }
}
