/**
 * cmi5 run-time through @xapi/cmi5: launch parameters, the fetch token, LMS.LaunchData, then
 * the cmi5 defined statements "initialized", "completed" (lessons, time and policy done),
 * "passed" (final test, with the score) or "failed" (every attempt used), and "terminated";
 * an "answered" statement (cmi5 allowed) per answer. Statements go out one after the other,
 * so the LRS receives them in order. The learner's progress is kept in the xAPI State API.
 */
import Cmi5 from "@xapi/cmi5";
import type { LmsAdapter, LmsAnswer, LmsReport, LmsSession } from "./lms";

/** The State API document the package keeps its progress in. */
export const CMI5_STATE_ID = "https://w3id.org/xapi/binomio/state/progress";

export function cmi5Adapter(locale: string): LmsAdapter {
  let cmi5: Cmi5 | null = null;
  let readOnly = false;
  let error: string | null = null;
  let judgedThisSession = false;
  let queue: Promise<unknown> = Promise.resolve();
  const send = (what: string, run: (c: Cmi5) => Promise<unknown>) => {
    const c = cmi5;
    if (!c) return;
    queue = queue.then(() => run(c)).catch((e: unknown) => {
      error = `${what}: ${e instanceof Error ? e.message : String(e)}`;
    });
  };
  return {
    async start(): Promise<LmsSession | null> {
      if (!Cmi5.isCmiAvailable) return null;
      cmi5 = new Cmi5();
      await cmi5.initialize();
      readOnly = cmi5.getLaunchData().launchMode !== "Normal";
      let state: string | null = null;
      let location: string | null = null;
      try {
        const p = cmi5.getLaunchParameters();
        const res = await cmi5.xapi!.getState({ agent: p.actor, activityId: p.activityId, registration: p.registration, stateId: CMI5_STATE_ID });
        const doc = (typeof res.data === "string" ? JSON.parse(res.data) : res.data) as { state?: unknown; location?: unknown } | null;
        state = typeof doc?.state === "string" ? doc.state : null;
        location = typeof doc?.location === "string" ? doc.location : null;
      } catch {
        // 404 on a first launch: nothing stored yet.
      }
      return { mode: readOnly ? "review" : "normal", state, location };
    },
    save(state, location) {
      if (readOnly) return;
      send("state", (c) => {
        const p = c.getLaunchParameters();
        return c.xapi!.setState({ agent: p.actor, activityId: p.activityId, registration: p.registration, stateId: CMI5_STATE_ID, state: { state, location } });
      });
    },
    report(r: LmsReport) {
      if (readOnly || !cmi5) return;
      if (r.final?.passed && !r.sent.passed && !judgedThisSession) {
        r.sent.passed = true;
        judgedThisSession = true;
        const score = r.final.score ?? 0;
        send("passed", (c) => c.pass({ scaled: score / 100, raw: score, min: 0, max: 100 }));
      } else if (r.final?.failedOut && !r.final.passed && !judgedThisSession) {
        judgedThisSession = true;
        const score = r.final.score ?? 0;
        send("failed", (c) => c.fail({ scaled: score / 100, raw: score, min: 0, max: 100 }));
      }
      if (r.contentDone && !r.sent.completed) {
        r.sent.completed = true;
        send("completed", (c) => c.complete());
      }
    },
    answered(a: LmsAnswer) {
      if (readOnly) return;
      const q = a.question;
      const testId = a.kind === "final" ? "final-test" : `check-${a.quizId}`;
      const questionId = a.id;
      send("answered", (c) =>
        q.type === "true-false"
          ? c.interactionTrueFalse(testId, questionId, a.chosen[0] === "true", a.right[0] === "true", { [locale]: q.prompt }, undefined, a.correct)
          : c.interactionChoice(
              testId,
              questionId,
              a.chosen,
              a.right,
              q.options.map((o) => ({ id: o.id, description: { [locale]: o.text } })),
              { [locale]: q.prompt },
              undefined,
              a.correct,
            ),
      );
    },
    commit() {
      // Statements and state are sent as they happen.
    },
    async finish() {
      const returnUrl = cmi5?.getLaunchData().returnURL ?? null;
      send("terminated", (c) => c.terminate());
      await queue;
      cmi5 = null;
      return returnUrl;
    },
    lastError: () => error,
  };
}
