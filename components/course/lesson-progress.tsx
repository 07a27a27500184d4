"use client";

import { useEffect, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { LessonLink } from "@/components/course/lesson-link";

type Progress = { completed: boolean; next: string | null };
type Outcome = { kind: "ok"; progress: Progress } | { kind: "signed-out" } | { kind: "locked" } | { kind: "error" };
type Props = { courseSlug: string; lessonSlug: string };

async function postProgress(courseSlug: string, lessonSlug: string, action: "open" | "complete"): Promise<Outcome> {
  try {
    const res = await fetch("/api/progress", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ courseSlug, lessonSlug, action }),
    });
    if (res.status === 401) return { kind: "signed-out" };
    if (res.status === 409) return { kind: "locked" };
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

  function apply(outcome: Outcome) {
    if (outcome.kind === "signed-out") {
      router.push(`/sign-in?callbackUrl=${encodeURIComponent(`/courses/${courseSlug}/${lessonSlug}`)}`);
    } else if (outcome.kind === "ok") {
      setError(null);
      setProgress(outcome.progress);
    } else {
      setError(outcome.kind === "locked" ? t("lockedError") : t("saveError"));
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
      {progress?.completed ? (
        progress.next ? (
          <LessonLink className="button" courseSlug={courseSlug} lessonSlug={progress.next}>
            {t("goNext")}
          </LessonLink>
        ) : (
          <Link className="button" href={`/courses/${courseSlug}`}>
            {t("backToCourse")}
          </Link>
        )
      ) : (
        <>
          <p className="muted">{t("completeHint")}</p>
          <button type="button" onClick={complete} disabled={pending || progress === null}>
            {pending ? t("completing") : t("markComplete")}
          </button>
        </>
      )}
    </section>
  );
}
