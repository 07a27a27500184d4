import { test } from "@playwright/test";

/**
 * Gives one step known to be slow on a loaded machine its own time on top of the running test's
 * budget — an axe scan, a PDF rendered and read, a workbook or an archive parsed, a CSV import
 * checked, a sign-in (argon2) — so the test's own timeout can stay tight for everything else.
 * Outside a test (a worker fixture) there is no budget to extend.
 */
export function allowFor(ms: number): void {
  let info: ReturnType<typeof test.info>;
  try {
    info = test.info();
  } catch {
    return;
  }
  if (info.timeout > 0) info.setTimeout(info.timeout + ms);
}
