import { createTranslator } from "use-intl/core";
import { TIME_ZONE } from "@/lib/dates";
import { escapeHtml as e } from "@/lib/html-escape";
import { elide } from "@/lib/i18n/elision";
import type { Locale } from "@/lib/i18n/locales";
import it from "@/lib/i18n/messages/it.json";
import en from "@/lib/i18n/messages/en.json";
import type { CourseView } from "./view";

/**
 * One translator per language and namespace for the life of the process: use-intl parses each
 * ICU message once per translator, and this runs on every course page.
 */
const translators = new Map<string, ReturnType<typeof createTranslator>>();
function translator(locale: Locale, namespace: "courses" | "policy") {
  const key = `${locale}:${namespace}`;
  let t = translators.get(key);
  if (!t) {
    t = createTranslator({ locale, messages: locale === "en" ? en : it, namespace, timeZone: TIME_ZONE }) as ReturnType<typeof createTranslator>;
    translators.set(key, t);
  }
  return t as (key: string, values?: Record<string, string | number>) => string;
}

const lessonHref = (course: string, lesson: string) => `/courses/${encodeURIComponent(course)}/${encodeURIComponent(lesson)}`;

/**
 * The content of a learner's course page (everything inside `<main>`), as HTML. The page
 * around it — header, styles, scripts — is prerendered once per course and language, and this
 * is put in its place per request (lib/course-page/serve.ts): the course page is opened between
 * every two lessons, and rendering it through React per request cost several times an
 * authenticated no-op answer (README "Performance"). Every text is escaped; the markup and
 * class names are the ones the page had as a React component.
 */
export function courseMainHtml(view: CourseView, locale: Locale): string {
  const t = translator(locale, "courses");
  const tp = translator(locale, "policy");
  const out: string[] = [];
  out.push(`<p><a href="/courses">← ${e(t("backToCourses"))}</a></p>`, `<h1>${e(view.title)}</h1>`);
  if (view.lockedNotice) out.push(`<p class="alert alert--error" role="alert">${e(t("lockedNotice"))}</p>`);
  out.push(`<p>${e(view.summary)}</p>`, `<p class="muted">${e(t("plannedDuration", { minutes: view.plannedMinutes }))}</p>`);
  const { percent, completed, total } = view.progress;
  out.push(
    `<div class="progress"><label for="course-progress" class="progress__label">${e(t("progressLabel"))}</label>` +
      `<progress id="course-progress" max="100" value="${percent}" aria-describedby="course-progress-text">${percent}%</progress>` +
      `<span id="course-progress-text" class="muted">${e(t("progressText", { done: completed, total, percent }))}</span></div>`,
  );
  if (view.resume) out.push(`<p><a class="button" href="${e(lessonHref(view.slug, view.resume.lessonSlug))}">${e(t(view.resume.label))}</a></p>`);
  out.push(
    `<section aria-labelledby="objectives"><h2 id="objectives">${e(t("objectives"))}</h2><ul>`,
    ...view.objectives.map((o) => `<li>${e(o)}</li>`),
    `</ul></section>`,
  );
  out.push(`<section aria-labelledby="lessons"><h2 id="lessons">${e(t("lessons"))}</h2>`);
  if (view.forcedSequence) out.push(`<p class="muted">${e(t("forcedSequence"))}</p>`);
  out.push(`<ol class="lesson-list">`);
  for (const l of view.lessons) {
    const title = l.state === "locked" ? `<span>${e(l.title)}</span>` : `<a href="${e(lessonHref(view.slug, l.slug))}">${e(l.title)}</a>`;
    out.push(
      `<li class="lesson-item lesson-item--${l.state}">${title}<span class="muted"> · ${e(t("minutes", { minutes: l.minutes }))}</span>` +
        `<span class="badge badge--${l.state}">${e(t(`status.${l.state}`))}</span></li>`,
    );
  }
  out.push(`</ol></section>`);
  const final = view.finalTest;
  if (final) {
    const score = final.bestScore ?? 0;
    const status = final.passed
      ? t("finalTestStatus.passed", { score, elide: elide(score) })
      : final.attempts
        ? t("finalTestStatus.failed", { score })
        : t("finalTestStatus.none");
    out.push(
      `<section aria-labelledby="final-test" class="card"><h2 id="final-test">${e(t("finalTestSection"))}</h2><p>${e(status)}</p>` +
        `<a class="button button--secondary" href="${e(`/courses/${encodeURIComponent(view.slug)}/quiz/${encodeURIComponent(final.id)}`)}">${e(t("finalTestSection"))}</a></section>`,
    );
  }
  if (view.policy) {
    out.push(
      `<section aria-labelledby="policy" class="card"><h2 id="policy">${e(tp("section"))}</h2><p>${e(view.policy.acknowledged ? tp("done") : tp("todo"))}</p>` +
        `<a class="button button--secondary" href="${e(`/courses/${encodeURIComponent(view.slug)}/policy`)}">${e(tp("open"))}</a></section>`,
    );
  }
  if (view.certificateCode) {
    out.push(
      `<section aria-labelledby="certificate" class="card"><h2 id="certificate">${e(t("certificate"))}</h2><p>${e(t("certificateText", { code: view.certificateCode }))}</p>` +
        `<a class="button" href="${e(`/api/certificates/${encodeURIComponent(view.certificateCode)}.pdf`)}">${e(t("downloadCertificate"))}</a></section>`,
    );
  }
  return out.join("");
}
