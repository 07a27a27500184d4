import type { PreparedAttempt } from "./attempts";
import type { BenchLearner, Dataset } from "./dataset";
import type { LoadSpec } from "./load";

const json = { "content-type": "application/json" };

/** Heartbeats rotating over every learner of the dataset, each on the lesson they are at. */
export function heartbeatSpec(origin: string, data: Dataset, cookieOf: ReadonlyMap<number, string>, base: { connections: number; duration: number }): LoadSpec {
  const cookies = data.learners.map((l) => cookieOf.get(l.id)!);
  const bodies = data.learners.map((l) => JSON.stringify({ courseSlug: data.courseSlug, lessonSlug: l.currentLesson }));
  let next = 0;
  return {
    ...base,
    url: `${origin}/api/heartbeat`,
    method: "POST",
    headers: json,
    setup: () => {
      const i = next++ % data.learners.length;
      return { headers: { cookie: cookies[i]! }, body: bodies[i]! };
    },
  };
}

/** Each request submits one of `items` (an attempt can be submitted once): as many requests as attempts. */
export function submitSpec(origin: string, items: readonly PreparedAttempt[], cookieOf: ReadonlyMap<number, string>, connections: number): LoadSpec {
  let next = 0;
  return {
    connections,
    amount: items.length,
    url: `${origin}/api/quiz/attempts/${items[0]!.attemptId}/submit`,
    method: "POST",
    headers: json,
    setup: () => {
      const a = items[next++ % items.length]!;
      return { path: `/api/quiz/attempts/${a.attemptId}/submit`, headers: { cookie: cookieOf.get(a.userId)! }, body: a.body };
    },
  };
}

/** A learner mid-course (lessons 1..k completed, on lesson k+1): the forced sequence lets them in. */
export function pickLessonLearner(data: Dataset): BenchLearner {
  return (
    data.learners.find((l) => l.cohort === "progressing" && l.completedLessons >= 3 && l.completedLessons <= 6) ??
    data.learners.find((l) => l.cohort === "progressing") ??
    data.learners[0]!
  );
}
