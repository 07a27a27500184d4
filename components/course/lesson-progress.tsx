"use client";

import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { LessonLink } from "@/components/course/lesson-link";
import { CREDITED_EVENT, PRESENCE_EVENT, PRESENCE_RESOLVED_EVENT } from "@/components/course/lesson-heartbeat";
import { durationParts } from "@/lib/i18n/duration";
import { CourseLink } from "@/components/course/course-link";

type Progress = { completed: boolean; next: string | null; lessonSeconds: number; lessonRequiredSeconds: number; courseSeconds: number; stillNeededSeconds: number };
type Outcome =
  | { kind: "ok"; progress: Progress }
  | { kind: "signed-out" }
  | { kind: "locked" }
  | { kind: "not-opened" }
  | { kind: "too-soon"; lessonSeconds: number; requiredSeconds: number }
  | { kind: "error" };
type Props = { courseSlug: string; lessonSlug: string };

async function postProgress(courseSlug: string, lessonSlug: string, action: "open" | "complete"): Promise<Outcome> {
  try {
    const res = await fetch("/api/progress", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ courseSlug, lessonSlug, action }),
    });
    if (res.status === 401) return { kind: "signed-out" };
    if (res.status === 409) {
      // Completing is refused until the lesson was opened in this session and read long enough.
      const refusal = (await res.json().catch(() => ({}))) as { error?: string; lessonSeconds?: number; lessonRequiredSeconds?: number };
      if (refusal.error === "too_soon") return { kind: "too-soon", lessonSeconds: refusal.lessonSeconds ?? 0, requiredSeconds: refusal.lessonRequiredSeconds ?? 0 };
      if (refusal.error === "not_opened") return { kind: "not-opened" };
      return { kind: "locked" };
    }
    if (!res.ok) return { kind: "error" };
    return { kind: "ok", progress: (await res.json()) as Progress };
  } catch {
    return { kind: "error" };
  }
}

/**
 * The per-learner part of a prerendered lesson page: records the opening, shows whether
 * the lesson is completed and offers "Lezione completata". Small on purpose: the page
 * itself is the same static HTML for every learner.
 */
export function LessonProgress({ courseSlug, lessonSlug }: Props) {
  const t = useTranslations("lesson");
  const router = useRouter();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Seconds credited since the page loaded, from the heartbeats' answers.
  const [credited, setCredited] = useState(0);
  const tt = useTranslations("time");
  const tl = useTranslations("lessonTime");
  const tp = useTranslations("presence");
  // A presence check is open: the server credits nothing until it is answered.
  const [paused, setPaused] = useState(false);

  useEffect(() => {
    const onCredit = (e: Event) => setCredited((n) => n + Number((e as CustomEvent<number>).detail || 0));
    const onPresence = () => setPaused(true);
    const onResolved = () => setPaused(false);
    window.addEventListener(CREDITED_EVENT, onCredit);
    window.addEventListener(PRESENCE_EVENT, onPresence);
    window.addEventListener(PRESENCE_RESOLVED_EVENT, onResolved);
    return () => {
      window.removeEventListener(CREDITED_EVENT, onCredit);
      window.removeEventListener(PRESENCE_EVENT, onPresence);
      window.removeEventListener(PRESENCE_RESOLVED_EVENT, onResolved);
    };
  }, []);

  function apply(outcome: Outcome) {
    if (outcome.kind === "signed-out") {
      router.push(`/sign-in?callbackUrl=${encodeURIComponent(`/courses/${courseSlug}/${lessonSlug}`)}`);
    } else if (outcome.kind === "ok") {
      setError(null);
      setProgress(outcome.progress);
      setCredited(0);
    } else if (outcome.kind === "too-soon") {
      setCredited(0);
      setProgress((p) => (p ? { ...p, lessonSeconds: outcome.lessonSeconds } : p));
      setError(tl("tooSoon", { required: tt("duration", durationParts(outcome.requiredSeconds)), credited: tt("duration", durationParts(outcome.lessonSeconds)) }));
    } else {
      setError(outcome.kind === "locked" ? t("lockedError") : outcome.kind === "not-opened" ? tl("notOpened") : t("saveError"));
    }
  }

  useEffect(() => {
    // Recording the opening is a side effect of viewing the page, once per mount.
    let cancelled = false;
    void postProgress(courseSlug, lessonSlug, "open").then((outcome) => {
      if (!cancelled) apply(outcome);
    });
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `apply` only closes over stable setters, the router and `t`
  }, [courseSlug, lessonSlug]);

  async function complete() {
    setPending(true);
    apply(await postProgress(courseSlug, lessonSlug, "complete"));
    setPending(false);
  }

  return (
    <section className="lesson-progress card" aria-labelledby="lesson-progress-title">
      <h2 id="lesson-progress-title" className="visually-hidden">
        {t("markComplete")}
      </h2>
      <div role="status" aria-live="polite">
        {progress?.completed ? <p className="alert alert--ok">{t("completed")}</p> : null}
        {error ? <p className="alert alert--error">{error}</p> : null}
      </div>
      {progress ? <TimeCredited t={t} tt={tt} lesson={progress.lessonSeconds + credited} stillNeeded={Math.max(0, progress.stillNeededSeconds - credited)} /> : null}
      {paused ? <p className="lesson-time lesson-time--paused">{tp("paused")}</p> : null}
      {progress?.completed ? (
        progress.next ? (
          <LessonLink className="button" courseSlug={courseSlug} lessonSlug={progress.next}>
            {t("goNext")}
          </LessonLink>
        ) : (
          <CourseLink className="button" courseSlug={courseSlug}>
            {t("backToCourse")}
          </CourseLink>
        )
      ) : (
        <>
          <p className="muted">{t("completeHint")}</p>
          {progress && progress.lessonSeconds + credited < progress.lessonRequiredSeconds ? (
            <p className="muted">{tl("needed", { required: tt("duration", durationParts(progress.lessonRequiredSeconds)) })}</p>
          ) : null}
          <button type="button" onClick={complete} disabled={pending || progress === null}>
            {pending ? t("completing") : t("markComplete")}
          </button>
        </>
      )}
    </section>
  );
}

type Translate = ReturnType<typeof useTranslations>;

/** How much active time this lesson has been credited, and what the course still needs. */
function TimeCredited({ t, tt, lesson, stillNeeded }: { t: Translate; tt: Translate; lesson: number; stillNeeded: number }) {
  return (
    <p className="lesson-time">
      {t("timeCredited", { time: tt("duration", durationParts(lesson)) })}{" "}
      {stillNeeded > 0 ? t("courseNeeds", { time: tt("duration", durationParts(stillNeeded)) }) : t("courseTimeReached")}
    </p>
  );
}
