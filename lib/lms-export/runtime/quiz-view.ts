/**
 * A quiz on screen: the form (a fieldset per question, native radios and checkboxes, missing
 * answers announced) and, after submission, the review with right answers and explanations.
 */
import type { PackageData, PackageQuestion } from "../package-data";
import type { GradedQuestion } from "./progress";
import { format, fromHtml, h } from "./dom";

export interface QuizFormItem {
  question: PackageQuestion;
  optionOrder: string[];
}

/** Renders the form; `onSubmit` receives question id → chosen option ids (all answered). */
export function quizForm(data: PackageData, items: readonly QuizFormItem[], onSubmit: (answers: Record<string, string[]>) => void): HTMLElement {
  const m = data.messages;
  const summary = h("div", { tabindex: -1, role: "alert", "aria-live": "assertive" });
  const fieldsets = items.map((item, i) => {
    const q = item.question;
    const hintId = `hint-${q.id}`;
    const byId = new Map(q.options.map((o) => [o.id, o]));
    return h(
      "fieldset",
      { class: "quiz-question card", id: `question-${q.id}`, "aria-describedby": hintId, "data-question": q.id },
      h(
        "legend",
        {},
        h("span", { class: "quiz-question__number" }, format(m.question, { number: i + 1, total: items.length })),
        " ",
        h("span", { class: "quiz-question__prompt" }, q.prompt),
      ),
      q.scenarioHtml ? fromHtml(q.scenarioHtml) : null,
      h("p", { id: hintId, class: "muted" }, q.type === "multiple" ? m.selectAll : m.selectOne),
      h(
        "div",
        { class: "quiz-options" },
        item.optionOrder.map((id) => {
          const o = byId.get(id);
          if (!o) return null;
          return h(
            "label",
            { class: "quiz-option" },
            h("input", { type: q.type === "multiple" ? "checkbox" : "radio", name: q.id, value: o.id }),
            " ",
            h("span", {}, o.text),
          );
        }),
      ),
    );
  });
  const form = h(
    "form",
    {
      class: "quiz-form",
      novalidate: true,
      onsubmit: (e: Event) => {
        e.preventDefault();
        const answers: Record<string, string[]> = {};
        const missing: string[] = [];
        for (const item of items) {
          const chosen = [...form.querySelectorAll<HTMLInputElement>(`input[name="${item.question.id}"]:checked`)].map((x) => x.value);
          const fs = form.querySelector<HTMLElement>(`#question-${item.question.id}`)!;
          fs.querySelector(".field-error")?.remove();
          fs.removeAttribute("aria-invalid");
          if (chosen.length === 0) {
            missing.push(item.question.id);
            fs.setAttribute("aria-invalid", "true");
            fs.querySelector(".quiz-options")!.before(h("p", { class: "field-error" }, m.missingAnswer));
          }
          answers[item.question.id] = chosen;
        }
        summary.replaceChildren();
        if (missing.length > 0) {
          summary.append(
            h(
              "div",
              { class: "alert alert--error" },
              h("p", {}, format(m.missing, { count: missing.length })),
              h("ul", {}, missing.map((id) => h("li", {}, h("a", { href: `#question-${id}`, onclick: (ev: Event) => jumpTo(ev, id) }, items.find((x) => x.question.id === id)!.question.prompt)))),
            ),
          );
          summary.focus();
          return;
        }
        onSubmit(answers);
      },
    },
    summary,
    fieldsets,
    h("button", { type: "submit" }, m.submit),
  );
  return form;
}

function jumpTo(e: Event, id: string) {
  e.preventDefault();
  document.getElementById(`question-${id}`)?.querySelector("input")?.focus();
}

/** The review after submission: per question, the learner's and the right answers, feedback and why. */
export function quizReview(data: PackageData, graded: readonly GradedQuestion[]): HTMLElement {
  const m = data.messages;
  const lessonTitle = new Map(data.lessons.map((l) => [l.slug, l.title]));
  return h(
    "ol",
    { class: "quiz-review" },
    graded.map((g) => {
      const byId = new Map(g.question.options.map((o) => [o.id, o]));
      const chosen = new Set(g.chosen);
      const right = new Set(g.right);
      return h(
        "li",
        { class: `card quiz-review__item ${g.correct ? "is-correct" : "is-wrong"}`, "data-question": g.question.id, "data-correct": String(g.correct) },
        h("p", { class: "quiz-review__prompt" }, h("strong", {}, g.question.prompt)),
        h("p", { class: g.correct ? "alert alert--ok" : "alert alert--error" }, g.correct ? m.correct : m.wrong),
        h(
          "ul",
          { class: "quiz-review__options" },
          g.optionOrder.map((id) => {
            const o = byId.get(id);
            if (!o) return null;
            const tags = [chosen.has(id) ? m.yourAnswer : null, right.has(id) ? m.rightAnswer : null].filter(Boolean).join(", ");
            return h(
              "li",
              { class: right.has(id) ? "is-right" : undefined },
              o.text,
              tags ? h("span", { class: "muted" }, ` (${tags})`) : null,
              chosen.has(id) && o.feedback ? h("p", { class: "muted" }, o.feedback) : null,
            );
          }),
        ),
        h("p", {}, h("strong", {}, `${m.explanation}: `), g.question.explanation),
        !g.correct && lessonTitle.has(g.question.lesson)
          ? h("p", {}, h("a", { href: `#lesson-${g.question.lesson}` }, format(m.studyLesson, { title: lessonTitle.get(g.question.lesson)! })))
          : null,
      );
    }),
  );
}
