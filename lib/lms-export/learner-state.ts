/**
 * A learner's progress inside a package, as the runtime keeps it in the LMS (`cmi.suspend_data`
 * for SCORM, the xAPI State API for cmi5). Compact because SCORM 1.2 allows 4,096 characters
 * and SCORM 2004 3rd edition 4,000. Pure module (runtime and tests); parsing never throws: a
 * damaged value starts the learner afresh rather than blocking the course.
 */

/** One final-test attempt that ended. */
export interface EndedAttempt {
  /** Score in percent, one decimal. */
  score: number;
  passed: boolean;
  /** When it ended, Unix seconds. */
  at: number;
}

/** The attempt in progress: its draw and when it started. */
export interface OpenAttempt {
  /** Question ids in the drawn order, each with its option order. */
  draw: { q: string; o: string[] }[];
  /** Unix seconds. */
  startedAt: number;
}

export interface LearnerState {
  /** Lesson slugs completed, in the order they were completed. */
  completed: string[];
  /** Active seconds credited, all sessions together. */
  activeSeconds: number;
  /** Version of the policy acknowledged, or null. */
  policyVersion: string | null;
  attempts: EndedAttempt[];
  open: OpenAttempt | null;
  /** cmi5 statements that may be sent once per registration and already were. */
  sent: { completed: boolean; passed: boolean };
}

export function emptyState(): LearnerState {
  return { completed: [], activeSeconds: 0, policyVersion: null, attempts: [], open: null, sent: { completed: false, passed: false } };
}

/** Serialises `state` (short keys; ~40 characters plus the lessons and the open draw). */
export function encodeState(state: LearnerState): string {
  return JSON.stringify({
    v: 1,
    c: state.completed,
    t: state.activeSeconds,
    p: state.policyVersion,
    a: state.attempts.map((a) => [a.score, a.passed ? 1 : 0, a.at]),
    o: state.open ? [state.open.startedAt, state.open.draw.map((d) => [d.q, d.o])] : null,
    s: (state.sent.completed ? 1 : 0) + (state.sent.passed ? 2 : 0),
  });
}

const isStr = (v: unknown): v is string => typeof v === "string";
const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** Reads what {@link encodeState} wrote; anything unreadable gives {@link emptyState}. */
export function decodeState(raw: string | null | undefined): LearnerState {
  if (!raw) return emptyState();
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return emptyState();
  }
  if (!v || typeof v !== "object" || (v as { v?: unknown }).v !== 1) return emptyState();
  const o = v as Record<string, unknown>;
  const state = emptyState();
  if (Array.isArray(o.c)) state.completed = o.c.filter(isStr);
  if (isNum(o.t) && o.t >= 0) state.activeSeconds = Math.floor(o.t);
  if (isStr(o.p)) state.policyVersion = o.p;
  if (Array.isArray(o.a)) {
    for (const a of o.a) {
      if (Array.isArray(a) && isNum(a[0]) && isNum(a[2])) state.attempts.push({ score: a[0], passed: a[1] === 1, at: a[2] });
    }
  }
  if (Array.isArray(o.o) && isNum(o.o[0]) && Array.isArray(o.o[1])) {
    const draw = (o.o[1] as unknown[]).flatMap((d) =>
      Array.isArray(d) && isStr(d[0]) && Array.isArray(d[1]) ? [{ q: d[0], o: (d[1] as unknown[]).filter(isStr) }] : [],
    );
    state.open = { startedAt: o.o[0], draw };
  }
  if (isNum(o.s)) state.sent = { completed: (o.s & 1) === 1, passed: (o.s & 2) === 2 };
  return state;
}
