import { setMaxListeners } from "node:events";
import { COURSE, FINAL_QUIZ, type Learner } from "./seed";
import { answersFor, type BankQuestion, type ShownQuestion } from "../../support/answer-key";

/**
 * What the clients were told. Only answers received in full count: a request the server
 * committed but never answered (killed in between) may be in the database without being here,
 * never the other way round.
 */
export type Ledger = {
  /** Per learner: heartbeats answered 2xx with creditedSeconds > 0, and the seconds they credited. */
  heartbeats: Map<number, { credited: number; seconds: number }>;
  heartbeatsOk: number;
  /** Attempts whose start was answered 2xx: attempt id → learner. */
  started: Map<number, number>;
  /** Attempts whose submission was answered 200 (and passed). */
  submitted: Set<number>;
  /** Requests that ended without an answer (the kill), per kind. */
  lost: { heartbeat: number; start: number; submit: number };
  /** HTTP answers no client should ever get under this load (any non-2xx, a failed grade). */
  unexpected: string[];
};

export function newLedger(): Ledger {
  return { heartbeats: new Map(), heartbeatsOk: 0, started: new Map(), submitted: new Set(), lost: { heartbeat: 0, start: 0, submit: 0 }, unexpected: [] };
}

type Kind = keyof Ledger["lost"];

const sleep = (ms: number, stop: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (stop.aborted) return resolve();
    const wake = () => {
      clearTimeout(timer);
      stop.removeEventListener("abort", wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    stop.addEventListener("abort", wake, { once: true });
  });

/**
 * POSTs JSON; null when no complete answer arrived (connection refused or reset, the load stopped,
 * or 15 s passed). An answer that is not JSON (an error page) comes back with its text, so the
 * ledger reports it as an unexpected answer rather than a lost request.
 */
async function post(origin: string, learner: Learner, pathname: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> } | null> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(`${origin}${pathname}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: learner.cookie },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    text = await res.text();
  } catch {
    return null;
  }
  try {
    return { status: res.status, json: JSON.parse(text) as Record<string, unknown> };
  } catch {
    return { status: res.status, json: { notJson: text.slice(0, 300) } };
  }
}

/**
 * Drives write load until `stop` aborts: every heartbeat learner sends a heartbeat about
 * every second (each credits ~1 s), and `quizWorkers` loops take learners from `quizPool`,
 * start the final test and submit the correct answers. Resolves once every loop has ended.
 */
export async function driveLoad(opts: {
  origin: string;
  heartbeatLearners: readonly Learner[];
  /** The (opened) lesson the heartbeats are for. */
  heartbeatLesson: string;
  quizPool: Learner[];
  quizWorkers: number;
  /** The final test's bank: the clients answer right by the options' texts (the ids are drawn per attempt). */
  bank: ReadonlyMap<string, BankQuestion>;
  ledger: Ledger;
  stop: AbortSignal;
}): Promise<void> {
  const { origin, ledger, stop } = opts;
  // One sleeping loop per learner waits on the same signal.
  setMaxListeners(0, stop);
  const failed = (kind: Kind) => {
    if (stop.aborted) ledger.lost[kind]++;
    else ledger.unexpected.push(`${kind}: no answer before the kill`);
  };

  const heartbeatLoop = async (learner: Learner) => {
    // Spread the learners over the first second.
    await sleep(Math.random() * 1000, stop);
    while (!stop.aborted) {
      const r = await post(origin, learner, "/api/heartbeat", { courseSlug: COURSE, lessonSlug: opts.heartbeatLesson });
      if (!r) failed("heartbeat");
      else if (r.status !== 200) ledger.unexpected.push(`heartbeat ${r.status} ${JSON.stringify(r.json)}`);
      else {
        ledger.heartbeatsOk++;
        const credited = Number(r.json.creditedSeconds);
        if (credited > 0) {
          const e = ledger.heartbeats.get(learner.userId) ?? { credited: 0, seconds: 0 };
          e.credited++;
          e.seconds += credited;
          ledger.heartbeats.set(learner.userId, e);
        }
      }
      await sleep(1000 + Math.random() * 150, stop);
    }
  };

  const quizLoop = async () => {
    while (!stop.aborted) {
      const learner = opts.quizPool.shift();
      if (!learner) return;
      const start = await post(origin, learner, "/api/quiz/attempts", { courseSlug: COURSE, quizId: FINAL_QUIZ });
      if (!start) {
        failed("start");
        continue;
      }
      if (start.status !== 201) {
        ledger.unexpected.push(`start ${start.status} ${JSON.stringify(start.json)}`);
        continue;
      }
      const attemptId = Number(start.json.attemptId);
      ledger.started.set(attemptId, learner.userId);
      const answers = answersFor(start.json.questions as ShownQuestion[], opts.bank);
      if (stop.aborted) return;
      const submit = await post(origin, learner, `/api/quiz/attempts/${attemptId}/submit`, { answers });
      if (!submit) failed("submit");
      else if (submit.status !== 200 || submit.json.passed !== true) ledger.unexpected.push(`submit ${submit.status} passed=${String(submit.json.passed)}`);
      else ledger.submitted.add(attemptId);
    }
  };

  await Promise.all([...opts.heartbeatLearners.map(heartbeatLoop), ...Array.from({ length: opts.quizWorkers }, quizLoop)]);
}
