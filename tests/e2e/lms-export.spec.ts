import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { unzip } from "../support/unzip";
import { signIn } from "./support/helpers";

/** The LMS export page for trainers and admins, and the download it offers. */

test("a trainer downloads a course as an LMS package, after a plain warning about the answer key", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, "trainer@example.com");
  await page.goto("/trainer");
  await page.locator('a[href="/trainer/lms-export/social-media-basics"]').click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Esporta il corso per il tuo LMS");
  await expect(page.getByRole("heading", { name: "Attenzione: nel pacchetto le risposte giuste sono nel browser" })).toBeVisible();
  await expect(page.getByText(/le risposte giuste sono dentro il pacchetto/)).toBeVisible();
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  await page.getByLabel("Formato").selectOption("cmi5");
  await page.getByLabel("Lingua del corso").selectOption("en");
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.getByRole("button", { name: "Scarica il pacchetto" }).click()]);
  expect(download.suggestedFilename()).toBe("social-media-basics-cmi5-en.zip");
  const files = await unzip(fs.readFileSync(await download.path()));
  expect([...files.keys()].sort()).toEqual(expect.arrayContaining(["cmi5.xml", "index.html", "course.js", "runtime.js", "binomio.css", "assets/audience-circles.png"]));
  expect(files.get("cmi5.xml")!.toString("utf8")).toContain('<langstring lang="en">Social media at work: the basics</langstring>');
});

test("an admin downloads the real course with the policy filled in by the company, and no placeholder left", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, "admin@example.com");
  await page.goto("/trainer/lms-export/lavoro-e-social-media");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Esporta il corso per il tuo LMS");
  await expect(page.locator("main").getByRole("alert"), "no language is held back by the policy").toHaveCount(0);
  await page.getByLabel("Formato").selectOption("scorm2004");
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.getByRole("button", { name: "Scarica il pacchetto" }).click()]);
  expect(download.suggestedFilename()).toBe("lavoro-e-social-media-scorm2004-it.zip");
  const files = await unzip(fs.readFileSync(await download.path()));
  const html = files.get("index.html")!.toString("utf8");
  expect(html).toContain('id="pkg-policy"');
  expect(html).not.toMatch(/\[[A-ZÀ-Ý][A-ZÀ-Ý ]+\]/);
  expect(files.get("imsmanifest.xml")!.toString("utf8")).toContain("<schemaversion>2004 3rd Edition</schemaversion>");
});
