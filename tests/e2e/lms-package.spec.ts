import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type FrameLocator, type Page } from "@playwright/test";
import { composeTestContent } from "../support/compose-content";
import { answerKey, companyDatabase, courseRules, exportPackage, startHarness, tempDir, unpack, type Format, type Harness, type XapiStatement } from "./support/lms-harness";

/**
 * The exported packages of the real course, in Italian and in English, run in a real browser
 * against a real LMS-side runtime: scorm-again (SCORM 1.2 and 2004) on the parent window of
 * the package's frame, a small LRS for cmi5. Each run reads two lessons, leaves, comes back
 * (resume), completes the course — lessons, active time under a fake clock, policy, final
 * test — and the test checks what the LMS recorded. No request may leave the test LMS.
 */

const COURSE = "lavoro-e-social-media";
const LOCALES = ["it", "en"] as const;
const FORMATS: Format[] = ["scorm12", "scorm2004", "cmi5"];

/** What the host page reads back from scorm-again (`JSON.stringify(API.cmi)`); each format fills its own fields. */
interface Interaction {
  id: string;
  type: string;
  student_response: string;
  learner_response: string;
  result: string;
  correct_responses: Record<string, { pattern: string }>;
}
interface CmiJson {
  core: Record<string, string> & { score: Record<string, string> };
  score: Record<string, string>;
  suspend_data: string;
  completion_status: string;
  success_status: string;
  exit: string;
  location: string;
  progress_measure: string;
  session_time: string;
  interactions: Record<string, Interaction>;
}

let contentDir: string;
let workDir: string;
let harness: Harness;
let key: Map<string, Set<string>>;
let requiredSeconds: number;
let finalQuestions: number;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  contentDir = composeTestContent();
  workDir = tempDir("binomio-lms-");
  const database = companyDatabase(contentDir, workDir);
  for (const locale of LOCALES) {
    for (const format of FORMATS) {
      const zip = exportPackage(contentDir, database, COURSE, format, locale, workDir);
      await unpack(zip, path.join(workDir, "packages", `${format}-${locale}`));
    }
  }
  harness = await startHarness(path.join(workDir, "packages"));
  key = answerKey(contentDir, COURSE);
  ({ requiredSeconds, finalQuestions } = courseRules(contentDir, COURSE));
});

test.afterAll(async () => {
  await harness?.close();
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.rmSync(contentDir, { recursive: true, force: true });
});

/** Lets through only requests to the test LMS; remembers anything else (and blocks it). */
async function guardNetwork(page: Page): Promise<string[]> {
  const foreign: string[] = [];
  await page.context().route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${harness.origin}/`)) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  return foreign;
}

/** Lesson slugs in course order, from the course overview. */
async function lessonSlugs(f: FrameLocator | Page): Promise<string[]> {
  await expect(f.locator(".pkg-lesson-list li").first()).toBeVisible();
  return f.locator(".pkg-lesson-list li").evaluateAll((lis) => lis.map((li) => li.getAttribute("data-lesson") ?? ""));
}

async function goHome(f: FrameLocator | Page) {
  await f.locator('a[href="#home"]').first().click();
  await expect(f.locator("#pkg-progress-card")).toBeVisible();
}

async function completeLesson(f: FrameLocator | Page, slug: string) {
  await f.locator(`.pkg-lesson-list a[href="#lesson-${slug}"]`).click();
  await expect(f.locator(`#lesson-${slug} h1`)).toBeVisible();
  // Exercises cannot be graded inside an LMS: the lesson says so instead of showing an error.
  await expect(f.locator(`#lesson-${slug} .alert--error`)).toHaveCount(0);
  await f.locator("#pkg-complete-lesson").click();
  await expect(f.locator("#pkg-lesson-done")).toBeVisible();
  await goHome(f);
}

/** Active time: input every 90 s of fake time while a lesson is on screen, until the course's threshold is passed. */
async function spendActiveTime(page: Page, f: FrameLocator | Page, slug: string) {
  await f.locator(`.pkg-lesson-list a[href="#lesson-${slug}"]`).click();
  await expect(f.locator(`#lesson-${slug} h1`)).toBeVisible();
  const rounds = Math.ceil(requiredSeconds / 90) + 2;
  for (let i = 0; i < rounds; i++) {
    await page.mouse.move(100 + (i % 7) * 10, 200 + (i % 5) * 10);
    await page.clock.runFor(90_000);
  }
  await goHome(f);
}

/** Answers every question on screen: right (from the course's quiz files) or all wrong. */
async function answerQuiz(f: FrameLocator | Page, right: boolean) {
  const ids = await f.locator("fieldset[data-question]").evaluateAll((fs) => fs.map((x) => x.getAttribute("data-question") ?? ""));
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) {
    const good = key.get(id);
    expect(good, `question ${id} is in the course's quiz files`).toBeDefined();
    const inputs = f.locator(`fieldset[data-question="${id}"] input`);
    const values = await inputs.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const picks = right ? values.filter((v) => good!.has(v)) : [values.find((v) => !good!.has(v))!];
    for (const v of picks) await f.locator(`fieldset[data-question="${id}"] input[value="${v}"]`).check();
  }
  await f.locator('form.quiz-form button[type="submit"]').click();
}

async function finishCourse(page: Page, f: FrameLocator | Page, slugs: string[], opts: { failFirst: boolean; axe?: boolean }) {
  for (const slug of slugs.slice(2)) await completeLesson(f, slug);
  await spendActiveTime(page, f, slugs[0]!);
  await f.locator('a[href="#policy"]').click();
  await f.locator("#pkg-acknowledge-policy").click();
  await expect(f.locator("#pkg-policy-done")).toBeVisible();
  await goHome(f);
  await f.locator('a[href="#final"]').click();
  if (opts.failFirst) {
    await f.locator("#pkg-start-final").click();
    await answerQuiz(f, false);
    await expect(f.locator("#pkg-result")).toHaveAttribute("data-passed", "false");
    await expect(f.locator(".quiz-review__item").first()).toBeVisible();
    await goHome(f);
    await f.locator('a[href="#final"]').click();
  }
  await f.locator("#pkg-start-final").click();
  await expect(f.locator("fieldset[data-question]").first()).toBeVisible();
  if (opts.axe) await expectAxeClean(page);
  await answerQuiz(f, true);
  await expect(f.locator("#pkg-result")).toHaveAttribute("data-passed", "true");
  if (opts.axe) await expectAxeClean(page);
  await goHome(f);
  await expect(f.locator("#pkg-complete")).toBeVisible();
}

test("the manifests of the real course validate against the SCORM 1.2, SCORM 2004 3rd edition and cmi5 schemas", () => {
  const schemas = path.join(process.cwd(), "tests", "fixtures", "lms-schemas");
  const schemaOf: Record<Format, string> = {
    scorm12: path.join(schemas, "scorm12", "all.xsd"),
    scorm2004: path.join(schemas, "scorm2004-3rd", "all.xsd"),
    cmi5: path.join(schemas, "cmi5", "CourseStructure.xsd"),
  };
  for (const locale of LOCALES) {
    for (const format of FORMATS) {
      const file = path.join(workDir, "packages", `${format}-${locale}`, format === "cmi5" ? "cmi5.xml" : "imsmanifest.xml");
      const r = spawnSync("xmllint", ["--noout", "--schema", schemaOf[format], file], { encoding: "utf8" });
      expect(r.stderr, `${format} ${locale}`).toContain(`${file} validates`);
      expect(r.status, `${format} ${locale}`).toBe(0);
    }
  }
});

/** axe on what the package shows (the course overview, a lesson, the final test's form). */
async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

function expectOnlyLmsRequests(name: string, extra: RegExp[] = []) {
  const allowed = [new RegExp(`^/pkg/${name}/[^/]`), /^\/lms\/scorm(12|2004)\.(html|js)$/, ...extra];
  expect(harness.requests.filter((p) => !allowed.some((re) => re.test(p))), "requests outside the package and the test LMS").toEqual([]);
  const files = new Set(fs.readdirSync(path.join(workDir, "packages", name), { recursive: true }).map(String));
  const missing = harness.requests.filter((p) => p.startsWith(`/pkg/${name}/`)).map((p) => decodeURIComponent(p.slice(`/pkg/${name}/`.length))).filter((p) => !files.has(p));
  expect(missing, "files requested that the package does not have").toEqual([]);
}

for (const locale of LOCALES) {
  for (const format of ["scorm12", "scorm2004"] as const) {
    test(`${format} ${locale}: two lessons, resume, final test, completion as the LMS records it`, async ({ page }) => {
      test.setTimeout(180_000);
      const name = `${format}-${locale}`;
      harness.requests.length = 0;
      const foreign = await guardNetwork(page);
      await page.clock.install();
      const host = `${harness.origin}/lms/${format}.html`;
      const sco = `/pkg/${name}/index.html`;
      const learner = format === "scorm12" ? { core: { student_id: "u-1", student_name: "Rossi, Anna" } } : { learner_id: "u-1", learner_name: "Rossi, Anna" };
      const f = page.frameLocator("#sco");

      // Session 1: two lessons, then "save and exit".
      await page.goto(host);
      await page.evaluate(([saved, src]) => (window as unknown as { boot: (s: unknown, u: string) => void }).boot(saved, src), [learner, sco] as const);
      const slugs = await lessonSlugs(f);
      expect(slugs.length).toBeGreaterThan(2);
      await completeLesson(f, slugs[0]!);
      await completeLesson(f, slugs[1]!);
      await f.locator(`.pkg-lesson-list a[href="#lesson-${slugs[1]}"]`).click();
      await f.locator("#pkg-exit").click();
      await expect(f.locator("#pkg-exited")).toBeVisible();
      await expect.poll(() => page.evaluate(() => (window as unknown as { finished: boolean }).finished)).toBe(true);
      const first = (await page.evaluate(() => (window as unknown as { cmiJson: () => unknown }).cmiJson())) as CmiJson;

      let saved: Record<string, unknown>;
      if (format === "scorm12") {
        expect(first.core.lesson_status).toBe("incomplete");
        expect(first.core.exit).toBe("suspend");
        expect(first.core.lesson_location).toBe(`lesson-${slugs[1]}`);
        expect(first.core.session_time).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
        expect(first.suspend_data.length).toBeLessThanOrEqual(4096);
        saved = { core: { ...learner.core, entry: "resume", lesson_location: first.core.lesson_location, lesson_status: first.core.lesson_status }, suspend_data: first.suspend_data };
      } else {
        expect(first.completion_status).toBe("incomplete");
        expect(first.success_status).toBe("unknown");
        expect(first.exit).toBe("suspend");
        expect(first.location).toBe(`lesson-${slugs[1]}`);
        expect(Number(first.progress_measure)).toBeCloseTo(2 / slugs.length, 3);
        expect(first.session_time).toMatch(/^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/);
        expect(first.suspend_data.length).toBeLessThanOrEqual(4000);
        saved = { ...learner, entry: "resume", location: first.location, suspend_data: first.suspend_data, completion_status: first.completion_status };
      }

      // Session 2: resumes where the learner left, then the whole course.
      await page.goto(host);
      await page.evaluate(([s, src]) => (window as unknown as { boot: (s: unknown, u: string) => void }).boot(s, src), [saved, sco] as const);
      await expect(f.locator(`#lesson-${slugs[1]} h1`)).toBeVisible();
      await expect(f.locator("#pkg-lesson-done")).toBeVisible();
      await goHome(f);
      await expect(f.locator(`.pkg-lesson-list li[data-lesson="${slugs[0]}"] .badge`)).toBeVisible();
      await expect(f.locator(`.pkg-lesson-list li[data-lesson="${slugs[2]}"] a`)).toBeVisible();
      await expect(f.locator(`.pkg-lesson-list li[data-lesson="${slugs[3]}"] a`)).toHaveCount(0);
      await finishCourse(page, f, slugs, { failFirst: format === "scorm2004" && locale === "it" });
      await f.locator("#pkg-exit").click();
      await expect.poll(() => page.evaluate(() => (window as unknown as { finished: boolean }).finished)).toBe(true);
      const second = (await page.evaluate(() => (window as unknown as { cmiJson: () => unknown }).cmiJson())) as CmiJson;

      const interactions = Object.values(second.interactions);
      const finals = interactions.filter((i) => String(i.id).startsWith("final-"));
      expect(finals.length, "one interaction per question of each final attempt").toBe(finalQuestions * (format === "scorm2004" && locale === "it" ? 2 : 1));
      if (format === "scorm12") {
        expect(second.core.lesson_status).toBe("passed");
        expect(Number(second.core.score.raw)).toBeGreaterThanOrEqual(80);
        expect(second.core.score.max).toBe("100");
        expect(second.core.session_time).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
        const [h, m, s] = String(second.core.session_time).split(":").map(Number);
        expect(h! * 3600 + m! * 60 + s!).toBeGreaterThanOrEqual(requiredSeconds);
        for (const i of finals) {
          expect(["choice", "true-false"]).toContain(i.type);
          expect(i.student_response).toMatch(/^[a-z0-9](,[a-z0-9])*$/);
          expect(["correct", "wrong"]).toContain(i.result);
        }
        expect(finals.filter((i) => i.result === "correct").length).toBeGreaterThan(0);
      } else {
        expect(second.completion_status).toBe("completed");
        expect(second.success_status).toBe("passed");
        expect(Number(second.score.scaled)).toBeGreaterThanOrEqual(0.8);
        expect(Number(second.score.scaled)).toBeLessThanOrEqual(1);
        expect(Number(second.progress_measure)).toBe(1);
        expect(second.session_time).toMatch(/^PT(\d+H)?(\d+M)?(\d+(\.\d+)?S)?$/);
        for (const i of finals) {
          expect(["choice", "true-false"]).toContain(i.type);
          expect(i.learner_response.length).toBeGreaterThan(0);
          expect(["correct", "incorrect"]).toContain(i.result);
          expect(i.correct_responses["0"]?.pattern.length).toBeGreaterThan(0);
        }
        if (locale === "it") expect(finals.some((i) => i.result === "incorrect"), "the failed first attempt is recorded too").toBe(true);
      }

      // Session 3: reopened after completion, the course says so.
      const third = format === "scorm12" ? { core: { ...learner.core, entry: "resume", lesson_location: second.core.lesson_location, lesson_status: second.core.lesson_status }, suspend_data: second.suspend_data } : { ...learner, entry: "resume", location: second.location, suspend_data: second.suspend_data };
      await page.goto(host);
      await page.evaluate(([s, src]) => (window as unknown as { boot: (s: unknown, u: string) => void }).boot(s, src), [third, sco] as const);
      await expect(f.locator("#pkg-complete")).toBeVisible();

      expect(foreign).toEqual([]);
      expectOnlyLmsRequests(name);
    });
  }
}

const CMI5 = {
  defined: "https://w3id.org/xapi/cmi5/context/categories/cmi5",
  moveOn: "https://w3id.org/xapi/cmi5/context/categories/moveon",
  sessionId: "https://w3id.org/xapi/cmi5/context/extensions/sessionid",
  verbs: {
    initialized: "http://adlnet.gov/expapi/verbs/initialized",
    completed: "http://adlnet.gov/expapi/verbs/completed",
    passed: "http://adlnet.gov/expapi/verbs/passed",
    failed: "http://adlnet.gov/expapi/verbs/failed",
    terminated: "http://adlnet.gov/expapi/verbs/terminated",
  },
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const ISO_DURATION = /^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

/** The xAPI and cmi5 rules a session's statements must follow (xAPI 1.0.3; cmi5 sections 9.x). */
function checkSession(statements: XapiStatement[], s: { actor: XapiStatement["actor"]; registration: string; sessionId: string; activityId: string; masteryScore: number }) {
  const defined = statements.filter((st) => st.context?.contextActivities?.category?.some((c) => c.id === CMI5.defined));
  for (const st of statements) {
    expect(st.id).toMatch(UUID);
    expect(st.actor.objectType ?? "Agent").toBe("Agent");
    expect(st.actor.account).toEqual(s.actor.account);
    expect(st.verb.id).toMatch(/^https?:\/\/\S+$/);
    expect(st.object.id.length).toBeGreaterThan(0);
    expect(st.context?.registration).toBe(s.registration);
    expect(st.context?.extensions?.[CMI5.sessionId]).toBe(s.sessionId);
    expect(Number.isNaN(Date.parse(st.timestamp ?? ""))).toBe(false);
    if (st.result?.duration !== undefined) expect(st.result.duration).toMatch(ISO_DURATION);
  }
  const verbs = defined.map((st) => st.verb.id);
  expect(Object.values(CMI5.verbs)).toEqual(expect.arrayContaining([...new Set(verbs)]));
  expect(new Set(verbs).size, "no cmi5 defined verb twice in a session").toBe(verbs.length);
  expect(verbs.filter((v) => v === CMI5.verbs.passed || v === CMI5.verbs.failed).length).toBeLessThanOrEqual(1);
  const times = statements.map((st) => Date.parse(st.timestamp!));
  expect([...times].sort((a, b) => a - b), "statements arrive in timestamp order").toEqual(times);
  expect(statements[0]!.verb.id, "initialized is the first statement").toBe(CMI5.verbs.initialized);
  expect(statements.at(-1)!.verb.id, "terminated is the last statement").toBe(CMI5.verbs.terminated);
  for (const st of defined) {
    expect(st.object.id).toBe(s.activityId);
    if ([CMI5.verbs.completed, CMI5.verbs.passed, CMI5.verbs.failed].includes(st.verb.id)) {
      expect(st.context?.contextActivities?.category?.map((c) => c.id)).toContain(CMI5.moveOn);
    }
    if ([CMI5.verbs.completed, CMI5.verbs.passed, CMI5.verbs.failed, CMI5.verbs.terminated].includes(st.verb.id)) expect(st.result?.duration).toMatch(ISO_DURATION);
    if (st.verb.id === CMI5.verbs.completed) expect(st.result?.completion).toBe(true);
    if (st.verb.id === CMI5.verbs.passed) {
      expect(st.result?.success).toBe(true);
      expect(st.result?.score?.scaled).toBeGreaterThanOrEqual(s.masteryScore);
    }
  }
  return verbs;
}

for (const locale of LOCALES) {
  test(`cmi5 ${locale}: statements in order and by the rules, state kept for resume`, async ({ page }) => {
    test.setTimeout(180_000);
    const name = `cmi5-${locale}`;
    harness.requests.length = 0;
    harness.statements.length = 0;
    harness.state.clear();
    const foreign = await guardNetwork(page);
    await page.clock.install();
    const structure = fs.readFileSync(path.join(workDir, "packages", name, "cmi5.xml"), "utf8");
    const auId = /<au id="([^"]+)"/.exec(structure)![1]!;
    const masteryScore = Number(/masteryScore="([^"]+)"/.exec(structure)![1]);
    const actor = { objectType: "Agent", name: "Anna Rossi", account: { homePage: "https://lms.example.com", name: "u-1" } };
    const registration = randomUUID();
    const launch = (sessionId: string) => {
      harness.setLaunch({ sessionId, masteryScore, moveOn: "CompletedAndPassed" });
      const q = new URLSearchParams({ endpoint: `${harness.origin}/lrs/`, fetch: `${harness.origin}/lrs/fetch`, actor: JSON.stringify(actor), registration, activityId: auId });
      return `${harness.origin}/pkg/${name}/index.html?${q.toString()}`;
    };

    const session1 = randomUUID();
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(launch(session1));
    const slugs = await lessonSlugs(page);
    await expectAxeClean(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), "no sideways scrolling at 375 px").toBeLessThanOrEqual(0);
    await page.locator(`.pkg-lesson-list a[href="#lesson-${slugs[0]}"]`).click();
    await expect(page.locator("#pkg-complete-lesson")).toBeVisible();
    await expectAxeClean(page);
    await goHome(page);
    await completeLesson(page, slugs[0]!);
    await completeLesson(page, slugs[1]!);
    await page.locator("#pkg-exit").click();
    await expect(page.locator("#pkg-exited")).toBeVisible();
    const first = harness.statements.splice(0);
    const v1 = checkSession(first, { actor, registration, sessionId: session1, activityId: auId, masteryScore });
    expect(v1).toEqual([CMI5.verbs.initialized, CMI5.verbs.terminated]);
    expect(harness.state.size, "progress kept in the State API").toBe(1);

    const session2 = randomUUID();
    await page.goto(launch(session2));
    await expect(page.locator(`.pkg-lesson-list li[data-lesson="${slugs[1]}"] .badge`)).toBeVisible();
    await finishCourse(page, page, slugs, { failFirst: false, axe: locale === "it" });
    await page.locator("#pkg-exit").click();
    await expect(page.locator("#pkg-exited")).toBeVisible();
    const second = harness.statements.splice(0);
    const v2 = checkSession(second, { actor, registration, sessionId: session2, activityId: auId, masteryScore });
    expect(v2[0]).toBe(CMI5.verbs.initialized);
    expect(v2.at(-1)).toBe(CMI5.verbs.terminated);
    expect(v2).toEqual(expect.arrayContaining([CMI5.verbs.completed, CMI5.verbs.passed]));
    expect(v2).not.toContain(CMI5.verbs.failed);
    const answered = second.filter((st) => st.verb.id === "http://adlnet.gov/expapi/verbs/answered");
    expect(answered.length).toBeGreaterThan(0);
    for (const st of answered) {
      expect(st.object.id.startsWith(`${auId}/`)).toBe(true);
      expect(typeof st.result?.success).toBe("boolean");
    }

    // A third session after completion sends no second completed/passed (once per registration).
    const session3 = randomUUID();
    await page.goto(launch(session3));
    await expect(page.locator("#pkg-complete")).toBeVisible();
    await page.locator("#pkg-exit").click();
    await expect(page.locator("#pkg-exited")).toBeVisible();
    const v3 = checkSession(harness.statements.splice(0), { actor, registration, sessionId: session3, activityId: auId, masteryScore });
    expect(v3).toEqual([CMI5.verbs.initialized, CMI5.verbs.terminated]);

    expect(foreign).toEqual([]);
    expectOnlyLmsRequests(name, [/^\/lrs\/(fetch|statements|activities\/state|agents\/profile)$/]);
  });
}
