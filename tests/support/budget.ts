import { test } from "@playwright/test";

/**
 * Gives one step known to be slow on a loaded machine its own time on top of the running test's
 * budget — an axe scan, a PDF rendered and read, a workbook or an archive parsed, a CSV import
 * checked — so the test's own timeout can stay tight for everything else.
 *
 * For test bodies only. In a beforeAll hook `testInfo.timeout` reads the test's timeout while
 * `setTimeout` sets the hook's, so this would shorten a hook that set a longer one itself (seen:
 * the matrix's 90 s set-up cut to 35 s); hooks set their own timeout. Outside a test (a worker
 * fixture) there is nothing to extend.
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
