import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createTranslator } from "use-intl/core";
import { resolveCourseAsset } from "@/lib/content/assets";
import { courseAssetUrl } from "@/lib/content/asset-names";
import { compileLesson, LessonCompileError } from "@/lib/content/compile";
import { finalBank, getCourse, lessonCheckFor, lessonVariant, publishedLessons } from "@/lib/content/lookup";
import type { ContentLocale } from "@/lib/content/names";
import { defaultContentRoot } from "@/lib/content/paths";
import { localized } from "@/lib/content/schemas";
import { HEARTBEAT_INTERVAL_MS, INPUT_IDLE_MS } from "@/lib/progress/time-credit";
import { publicQuestion } from "@/lib/quiz/public-view";
import type { Quiz } from "@/lib/quiz/types";
import { questionKey } from "./answer-key";
import { LmsExportError } from "./errors";
import { type LmsFormat } from "./formats";
import { cmi5CourseStructure, scorm12Manifest, scorm2004Manifest } from "./manifests";
import { obfuscate } from "./obfuscate";
import { PACKAGE_DATA_GLOBAL, type PackageData, type PackageQuiz } from "./package-data";
import { exportPolicy, type ExportPolicy, type PolicySource } from "./policy";
import { renderPackage } from "./render";
import type { RenderRequest } from "./render-protocol";
import lessonMessagesIt from "@/lib/i18n/messages/it.json";
import lessonMessagesEn from "@/lib/i18n/messages/en.json";
import packageMessagesIt from "@/lib/i18n/messages/lms-package.it.json";
import packageMessagesEn from "@/lib/i18n/messages/lms-package.en.json";

export interface LmsPackageRequest {
  courseSlug: string;
  format: LmsFormat;
  locale: ContentLocale;
  /** Where the company's filled-in policy comes from (needed when the course asks for the acknowledgement). */
  policy: PolicySource;
  /** Content root (tests); default `CONTENT_DIR` or `./content`. */
  contentRoot?: string;
}

/** A package as files in memory: path inside the ZIP → bytes. */
export interface LmsPackage {
  files: Map<string, Buffer>;
  /** Summary for the CLI and the logs. */
  summary: { course: string; version: string; format: LmsFormat; locale: ContentLocale; lessons: number; quizzes: number; assets: number };
}

/** Stylesheets of the site, in the order the site loads them, then the package's own. */
const STYLESHEETS = ["app/globals.css", "components/mdx/mdx.css", "lib/lms-export/runtime/package.css"];

/**
 * Builds a self-contained SCORM 1.2, SCORM 2004 3rd edition or cmi5 package of a published
 * course in one language: the lessons as static HTML rendered with the site's components,
 * styles and images inside, the quizzes with salted answer keys (obfuscated `course.js`),
 * the browser runtime that talks to the LMS, and the manifest. Reads content through
 * `lib/content`, so it works on whatever valid content exists. Costs an MDX compile per
 * lesson not yet in the cache and one worker process (~2 s): never per request of a learner.
 *
 * @throws {LmsExportError} when the course cannot be exported as it is (with the reason).
 */
export async function buildLmsPackage(req: LmsPackageRequest): Promise<LmsPackage> {
  const root = req.contentRoot ?? defaultContentRoot();
  const course = getCourse(req.courseSlug, root);
  if (!course) throw new LmsExportError("not_found", `There is no course "${req.courseSlug}" in ${root}.`);
  if (course.status !== "published") throw new LmsExportError("not_published", `The course "${course.slug}" is a draft: only published courses can be exported.`);
  const lessons = publishedLessons(course);
  if (lessons.length === 0) throw new LmsExportError("no_lessons", `The course "${course.slug}" has no published lesson.`);
  const locale = req.locale;
  const policy: ExportPolicy | null = course.completion.requirePolicyAck ? await exportPolicy(req.policy, locale) : null;

  const lessonT = createTranslator({ locale, messages: locale === "en" ? lessonMessagesEn : lessonMessagesIt, namespace: "lesson" });
  const quizT = createTranslator({ locale, messages: locale === "en" ? lessonMessagesEn : lessonMessagesIt, namespace: "quiz" });
  const messages = (locale === "en" ? packageMessagesEn : packageMessagesIt).lmsPackage as Record<string, string>;

  const rendered: RenderRequest["lessons"] = [];
  for (const [i, lesson] of lessons.entries()) {
    const { variant, fallback } = lessonVariant(lesson, locale);
    let code: string;
    try {
      ({ code } = await compileLesson(variant));
    } catch (e) {
      if (e instanceof LessonCompileError) throw new LmsExportError("content", `The lesson cannot be compiled: ${e.message}. Run npm run content:check.`);
      throw e;
    }
    rendered.push({
      slug: lesson.slug,
      code,
      frontmatter: variant.frontmatter,
      locale: variant.locale,
      fallback,
      labels: {
        lessonOf: lessonT("lessonOf", { number: i + 1, total: lessons.length }),
        duration: lessonT("duration", { minutes: variant.frontmatter.duration }),
        fallback: lessonT("fallback"),
        objectives: lessonT("objectives"),
        sources: lessonT("sources"),
        sourceSupports: lessonT("sourceSupports"),
      },
    });
  }

  const checks = lessons.flatMap((l) => {
    const q = lessonCheckFor(course, l.slug);
    return q ? [[l.slug, q] as const] : [];
  });
  const bank = finalBank(course);
  const quizzes: Quiz[] = [...checks.map(([, q]) => q), ...(bank ? [bank] : [])];
  const scenarios: RenderRequest["scenarios"] = [];
  for (const quiz of quizzes) {
    for (const q of quiz.questions) {
      const view = publicQuestion(q, { questionId: q.id, optionOrder: q.options.map((o) => o.id) }, locale);
      if (view.scenario) scenarios.push({ key: `${quiz.id}/${q.id}`, scenario: view.scenario });
    }
  }

  const title = localized(course.title, locale);
  const out = await renderPackage({
    format: req.format,
    locale,
    courseSlug: course.slug,
    title,
    lessons: rendered,
    policy: policy && { title: policy.title, intro: policy.intro, sections: policy.sections, version: policy.version },
    scenarios,
    labels: {
      skipToContent: locale === "en" ? "Skip to content" : "Vai al contenuto",
      exit: messages.exit!,
      loading: messages.loading!,
      noScript: messages.noLms!,
      scenario: quizT("scenario"),
      policyVersion: policy ? `${messages.policy} · ${policy.version}` : "",
    },
  });

  const salt = randomBytes(12).toString("hex");
  const randomHex = () => randomBytes(8).toString("hex");
  const packQuiz = (quiz: Quiz): PackageQuiz => ({
    id: quiz.id,
    title: localized(quiz.title, locale),
    questions: quiz.questions.map((q) => {
      const view = publicQuestion(q, { questionId: q.id, optionOrder: q.options.map((o) => o.id) }, locale);
      const scenarioHtml = out.scenarios[`${quiz.id}/${q.id}`];
      return {
        id: q.id,
        type: q.type,
        risk: q.risk,
        lesson: q.lesson,
        prompt: view.prompt,
        ...(scenarioHtml ? { scenarioHtml } : {}),
        options: q.options.map((o, i) => ({
          id: o.id,
          text: view.options[i]!.text,
          ...(o.feedback ? { feedback: localized(o.feedback, locale) } : {}),
        })),
        explanation: localized(q.explanation, locale),
        key: questionKey(salt, q.id, q.options.filter((o) => o.correct).map((o) => o.id), q.options.length, randomHex),
      };
    }),
  });

  const courseIri = `urn:binomio:course:${course.slug}:${locale}`;
  const data: PackageData = {
    format: req.format,
    locale,
    salt,
    course: { slug: course.slug, title, version: course.version, plannedMinutes: course.plannedMinutes, iri: courseIri },
    rules: {
      forcedSequence: course.completion.forcedSequence,
      attendanceThreshold: course.completion.attendanceThreshold,
      passMark: course.completion.passMark,
      requirePolicyAck: course.completion.requirePolicyAck,
    },
    lessons: lessons.map((l) => ({ slug: l.slug, title: lessonVariant(l, locale).variant.frontmatter.title })),
    checks: Object.fromEntries(checks.map(([slug, q]) => [slug, packQuiz(q)])),
    final: bank && course.finalTest ? { quiz: packQuiz(bank), settings: course.finalTest } : null,
    policy: policy && { version: policy.version, title: policy.title },
    activity: { heartbeatMs: HEARTBEAT_INTERVAL_MS, idleMs: INPUT_IDLE_MS },
    messages: { ...messages, policyAcknowledge: policy?.acknowledge ?? messages.policyAcknowledge! },
  };

  const files = new Map<string, Buffer>();
  const { html, assets } = packageLinks(out.indexHtml, course.slug, lessons.map((l) => l.slug));
  files.set("index.html", Buffer.from(html));
  const seed = randomBytes(8).toString("hex");
  files.set("course.js", Buffer.from(`window.${PACKAGE_DATA_GLOBAL}=${JSON.stringify([seed, obfuscate(data, seed)])};\n`));
  files.set("runtime.js", Buffer.from(out.runtimeJs));
  files.set("binomio.css", Buffer.from(STYLESHEETS.map((f) => fs.readFileSync(path.join(/*turbopackIgnore: true*/ process.cwd(), f), "utf8")).join("\n")));
  for (const name of assets) {
    const asset = resolveCourseAsset(course.slug, name, root);
    if (!asset) throw new LmsExportError("content", `A lesson uses the file assets/${name}, which is missing from the course.`);
    files.set(`assets/${name}`, fs.readFileSync(asset.absPath));
  }

  const manifest = {
    identifier: `binomio-${course.slug}-${locale}`,
    title,
    description: localized(course.summary, locale),
    locale,
    files: [...files.keys()],
    launch: "index.html",
  };
  if (req.format === "scorm12") files.set("imsmanifest.xml", Buffer.from(scorm12Manifest(manifest)));
  else if (req.format === "scorm2004") files.set("imsmanifest.xml", Buffer.from(scorm2004Manifest(manifest)));
  else files.set("cmi5.xml", Buffer.from(cmi5CourseStructure({ ...manifest, courseIri, auIri: `${courseIri}:au`, passMark: data.final ? data.rules.passMark : null })));

  return {
    files,
    summary: { course: course.slug, version: course.version, format: req.format, locale, lessons: lessons.length, quizzes: quizzes.length, assets: assets.length },
  };
}

/**
 * Points the page's links at the package's own files: course assets (`/api/content/<course>/assets/x`)
 * become `assets/x`, links to the course's lessons become in-page `#lesson-<slug>` links (the
 * runtime opens them), links to lessons it does not have lose their address. Returns the page
 * and the asset files it uses.
 */
export function packageLinks(html: string, courseSlug: string, lessonSlugs: readonly string[]): { html: string; assets: string[] } {
  const assetPrefix = courseAssetUrl(courseSlug, "");
  const assets = new Set<string>();
  let out = html.replaceAll(new RegExp(`(src|href)="${escapeRegExp(assetPrefix)}([^"/?#]+)"`, "g"), (_m, attr: string, encoded: string) => {
    const name = decodeURIComponent(encoded);
    assets.add(name);
    return `${attr}="assets/${encodeURIComponent(name)}"`;
  });
  const known = new Set(lessonSlugs);
  // A link to a lesson the package does not have (a draft) would lead to a Binomio server: it becomes plain text.
  out = out.replaceAll(new RegExp(` href="/courses/${escapeRegExp(courseSlug)}/([a-z0-9-]+)/?(#[^"]*)?"`, "g"), (_m, slug: string) =>
    known.has(slug) ? ` href="#lesson-${slug}"` : "",
  );
  return { html: out, assets: [...assets].sort() };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
