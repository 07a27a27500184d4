import { expect, test } from "@playwright/test";
import { e2eDb } from "./support/helpers";
import { expectAxeClean } from "../support/axe";

/**
 * The public check of an expired certificate (recertification, issue #19). The demo seeds one
 * through the app's own write paths with past dates: Anna Marchetti completed the employees'
 * course (valid 12 months) a little over a year ago, and again in the campaign's second cycle —
 * so her first certificate has expired and her second is current.
 */

type Cert = { code: string; cycle: number; expiresAt: number };

async function annasCertificates(): Promise<Cert[]> {
  const db = await e2eDb();
  return db.all<Cert>(
    `SELECT c.code, cc.cycle, c.expires_at AS "expiresAt" FROM certificates c
       JOIN course_completions cc ON cc.id = c.completion_id JOIN users u ON u.id = c.user_id
      WHERE u.email = 'anna.marchetti@example.com' ORDER BY cc.cycle`,
  );
}

/** "20 novembre 2026" / "November 20, 2026" in Rome, as the page writes it. */
const longDate = (seconds: number, locale: "it" | "en") => new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "Europe/Rome" }).format(new Date(seconds * 1000));
/** Italian reads the day aloud: l'1, l'8, l'11, otherwise il. */
const article = (seconds: number, elided: string, plain: string) => {
  const day = Number(new Intl.DateTimeFormat("en-GB", { day: "numeric", timeZone: "Europe/Rome" }).format(new Date(seconds * 1000)));
  return [1, 8, 11].includes(day) ? elided : plain;
};

test("an expired certificate says since when, and links the same person's current one", async ({ browser }) => {
  const [first, second] = await annasCertificates();
  expect(first!.cycle).toBe(1);
  expect(second!.cycle).toBe(2);
  expect(first!.expiresAt * 1000).toBeLessThan(Date.now());
  expect(second!.expiresAt * 1000).toBeGreaterThan(Date.now());

  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const res = await page.goto(`/verify/${first!.code}`);
  expect(res?.status()).toBe(200);
  const result = page.locator('[data-status="expired"]');
  await expect(result.getByRole("heading", { level: 2, name: "Attestato scaduto" })).toBeVisible();
  await expect(result).toContainText(`L'attestato è autentico, ma è scaduto ${article(first!.expiresAt, "l'", "il ")}${longDate(first!.expiresAt, "it")} e non è più valido.`);
  await expect(result).toContainText("Anna Marchetti");
  await expect(result.getByRole("heading", { level: 3, name: "Attestato in corso di validità" })).toBeVisible();
  await expect(result).toContainText(`valido fino ${article(second!.expiresAt, "all'", "al ")}${longDate(second!.expiresAt, "it")}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAxeClean(page);

  await result.getByRole("link", { name: `Verifica l'attestato ${second!.code}` }).click();
  await expect(page).toHaveURL(new RegExp(`/verify/${second!.code}$`));
  const current = page.locator('[data-status="valid"]');
  await expect(current.getByRole("heading", { level: 2, name: "Attestato valido" })).toBeVisible();
  await expect(current).toContainText(`valido fino ${article(second!.expiresAt, "all'", "al ")}${longDate(second!.expiresAt, "it")}`);
  // The current one links nowhere: it is the current one.
  await expect(page.locator(".verify-current")).toHaveCount(0);

  // In English.
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);
  await page.goto(`/verify/${first!.code}`);
  const en = page.locator('[data-status="expired"]');
  await expect(en.getByRole("heading", { level: 2, name: "Expired certificate" })).toBeVisible();
  await expect(en).toContainText(`The certificate is genuine, but it expired on ${longDate(first!.expiresAt, "en")} and is no longer valid.`);
  await expect(en.getByRole("link", { name: `Verify certificate ${second!.code}` })).toHaveAttribute("href", `/verify/${second!.code}`);
  await context.close();
});
