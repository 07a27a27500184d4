import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { axeFindings } from "../../support/axe";
import { englishWords, mixedDateFormats, numberSlips, rawMessageKeys, unfilledPlaceholders, type Slip } from "../../../lib/i18n/text-checks";

/** The two widths every state is captured at: a laptop and a small phone. */
export const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 375, height: 740 },
] as const;

export const SCREENSHOTS_DIR = path.join("test-results", "screenshots");

/** What to capture: the names in the file name, and what to remove before axe runs (a sandboxed frame axe cannot enter). */
export type Shot = { role: string; page: string; state: string; beforeAxe?: (page: Page) => Promise<void> };

/** One thing wrong on one captured page, as the summary lists it. */
export type Finding = { role: string; page: string; state: string; width: number; check: string; detail: string; screenshot: string };

/** The top-level namespaces of the message catalogues: a dotted word starting with one is a raw key. */
const NAMESPACES = new Set(
  fs
    .readdirSync(path.join("lib", "i18n", "messages"))
    .filter((f) => f.endsWith(".json"))
    .flatMap((f) => Object.keys(JSON.parse(fs.readFileSync(path.join("lib", "i18n", "messages", f), "utf8")) as object)),
);

/**
 * The text a person reads or hears on the page: the title, the rendered text (hidden elements
 * excluded, text for screen readers included) and the labels in attributes. Parts marked in
 * another language (`lang="en"` on the language switch) are left out.
 */
async function readableText(page: Page): Promise<{ lang: string; text: string; fragments: string[] }> {
  return page.evaluate(() => {
    const lang = document.documentElement.lang;
    const foreign = [...document.body.querySelectorAll<HTMLElement>("[lang]")].filter((el) => !el.lang.startsWith(lang));
    const before = foreign.map((el) => el.style.visibility);
    foreign.forEach((el) => (el.style.visibility = "hidden"));
    const attributes = [...document.body.querySelectorAll("[aria-label], [alt], [title], [placeholder]")]
      .filter((el) => !foreign.some((f) => f.contains(el)))
      .flatMap((el) => ["aria-label", "alt", "title", "placeholder"].map((a) => el.getAttribute(a) ?? ""))
      .filter(Boolean);
    // Each element's own text (elements holding only text): a raw key is the whole of one.
    const leaves = [...document.body.querySelectorAll("*")]
      .filter((el): el is HTMLElement => el instanceof HTMLElement && el.childElementCount === 0 && el.checkVisibility() && !foreign.some((f) => f.contains(el)))
      .map((el) => el.innerText);
    const text = [document.title, document.body.innerText, ...attributes].join("\n");
    foreign.forEach((el, i) => (el.style.visibility = before[i]!));
    return { lang, text, fragments: [document.title, ...attributes, ...leaves] };
  });
}

function textFindings(lang: string, text: string, fragments: string[]): { check: string; slips: Slip[] }[] {
  const italian = lang.startsWith("it");
  return [
    { check: "unfilled placeholder", slips: unfilledPlaceholders(text) },
    { check: "raw message key", slips: rawMessageKeys(fragments, NAMESPACES) },
    { check: "English word in the Italian interface", slips: italian ? englishWords(text) : [] },
    { check: italian ? "Italian number or article slip" : "English number slip", slips: numberSlips(text, italian ? "it" : "en") },
    { check: "dates in two formats", slips: mixedDateFormats(text) },
  ];
}

/** The page is wider than the window: by how much, and the innermost elements that stick out. */
async function pageOverflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const { scrollWidth, clientWidth } = document.documentElement;
    if (scrollWidth <= clientWidth) return null;
    // What scrolls inside its own box (a table, the phone's row of areas) does not widen the page.
    const scrolled = (el: HTMLElement) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (getComputedStyle(p).overflowX !== "visible") return true;
      return false;
    };
    const sticking = [...document.body.querySelectorAll<HTMLElement>("*")].filter((el) => el.getBoundingClientRect().right > clientWidth + 1 && !scrolled(el));
    const innermost = sticking.filter((el) => !sticking.some((other) => other !== el && el.contains(other)));
    const describe = (el: HTMLElement) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""}`;
    return `the page is ${scrollWidth} px wide in a ${clientWidth} px window; sticking out: ${[...new Set(innermost.map(describe))].slice(0, 4).join(", ")}`;
  });
}

/** Waits until what a person would see has arrived: the streamed title, the fonts, the network. */
async function settle(page: Page): Promise<void> {
  await expect(page).toHaveTitle(/\S/);
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/**
 * Captures the page as it is at both widths — a full-page screenshot into
 * `test-results/screenshots/<role>/<page>-<state>-<width>.png` — and checks each: axe with every
 * WCAG 2.1 AA rule, unfilled placeholders, raw message keys, English words in the Italian
 * interface, number and article slips, dates in two formats, and a page wider than the window.
 * Fails the test with everything found, after capturing and checking both widths.
 */
export async function capture(page: Page, shot: Shot): Promise<void> {
  const findings: Finding[] = [];
  const files: string[] = [];
  const timings: Record<string, number> = {};
  const timed = async <T>(phase: string, fn: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      timings[phase] = (timings[phase] ?? 0) + Math.round(performance.now() - start);
    }
  };
  const add = (width: number, check: string, detail: string) =>
    findings.push({ role: shot.role, page: shot.page, state: shot.state, width, check, detail, screenshot: files[WIDTHS.findIndex((w) => w.width === width)]! });
  // The state's own requests are over once; a new width only lays the page out again.
  await timed("settle", () => settle(page));
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    const file = path.join(SCREENSHOTS_DIR, shot.role, `${shot.page}-${shot.state}-${size.width}.png`);
    await timed("screenshot", () => page.screenshot({ path: file, fullPage: true, animations: "disabled" }));
    files.push(file);
    await timed("text", async () => {
      const overflow = await pageOverflow(page);
      if (overflow) add(size.width, "horizontal scroll", overflow);
      const { lang, text, fragments } = await readableText(page);
      for (const { check, slips } of textFindings(lang, text, fragments)) for (const s of new Set(slips.map((x) => x.excerpt))) add(size.width, check, s);
    });
  }
  await shot.beforeAxe?.(page);
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    for (const a of await timed("axe", () => axeFindings(page))) add(size.width, "axe", a);
  }
  await test.info().attach("capture", { body: JSON.stringify({ role: shot.role, page: shot.page, state: shot.state, files, findings, timings }), contentType: "application/json" });
  expect(findings.map((f) => `${f.width} px · ${f.check}: ${f.detail}`), `${shot.role} · ${shot.page} · ${shot.state}`).toEqual([]);
}
