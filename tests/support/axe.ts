import axe, { type AxeResults, type NodeResult } from "axe-core";
import { expect, type Page } from "@playwright/test";
import { allowFor } from "./budget";

/** Every WCAG 2.1 A and AA rule axe has (colour contrast included). */
export const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * A scan of an ordinary page takes well under a second on a quiet machine and was seen at 5+ s
 * on two cores loaded twenty times over; its time grows with the page (colour contrast is
 * computed per element): the trainers' item analysis, ~80,000 px tall, took over 40 s.
 */
const SCAN_BUDGET_MS = 15_000;
const SCAN_BUDGET_PER_ELEMENT_MS = 5;

/**
 * Runs axe in the page itself (injected once per document, then `axe.run`). The
 * @axe-core/playwright builder finishes every scan in a new blank page, to reach cross-origin
 * frames we do not have: that cost 2–3× the scan itself on a loaded machine (the e2e suite hit
 * its 30 s test timeout inside scans). Frames are not entered: remove a sandboxed frame first.
 */
async function runAxe(page: Page): Promise<AxeResults> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  return page.evaluate((tags) => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations", "incomplete"] }), WCAG_21_AA);
}

/**
 * What axe finds that we refuse: every violation, and every colour-contrast check axe left
 * "to review" because text and background have the same colour (1:1). axe does not call
 * white-on-white a violation — it assumes text that cannot be seen is hidden on purpose — so
 * a scan that reads only `violations` passes invisible buttons (`a.button { color: #fff }` on a
 * white secondary button did exactly that).
 */
export async function axeFindings(page: Page): Promise<string[]> {
  const elements = await page.evaluate(() => document.getElementsByTagName("*").length);
  allowFor(SCAN_BUDGET_MS + elements * SCAN_BUDGET_PER_ELEMENT_MS);
  const results = await runAxe(page);
  const sameColour = results.incomplete
    .filter((r) => r.id === "color-contrast")
    .flatMap((r) => r.nodes.filter((n) => n.any.some((c) => (c.data as { messageKey?: string } | null)?.messageKey === "equalRatio")));
  return [
    ...results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}${v.id === "color-contrast" ? ` (${contrastOf(n)})` : ""}`)),
    ...sameColour.map((n) => `color-contrast: ${n.target.join(" ")} (${contrastOf(n)}: text and background have the same colour)`),
  ];
}

function contrastOf(node: NodeResult): string {
  const data = node.any.find((c) => c.data && typeof c.data === "object" && "contrastRatio" in c.data)?.data as
    | { contrastRatio: number; fgColor?: string; bgColor?: string; expectedContrastRatio?: string }
    | undefined;
  return data ? `${data.fgColor} on ${data.bgColor}, ${data.contrastRatio}:1, needs ${data.expectedContrastRatio}` : "contrast unknown";
}

/** The page passes every WCAG 2.1 AA rule, colour contrast included (see axeFindings). */
export async function expectAxeClean(page: Page): Promise<void> {
  // Next streams the metadata: wait for the <title> before judging the page.
  await expect(page).toHaveTitle(/\S/);
  expect(await axeFindings(page)).toEqual([]);
}
