/**
 * The engine of the mixed load: runs learners' sittings (model.ts) against the server over
 * HTTP, each request at its own time, and records every answer's latency by kind.
 *
 * Latency is measured from the moment the learner acts (the scheduled time), not from when a
 * socket was free: if the server — or this process — falls behind, the wait counts, so
 * latency is not hidden by coordinated omission. Requests go through one keep-alive agent with
 * many sockets (the role a reverse proxy plays in front of the app); a learner's heartbeats
 * keep their own timer, every other action waits for the previous answer.
 */
import http from "node:http";
import { LatencyLog } from "../stats";
import type { Action, ActionKind } from "./model";
import type { WarmStart } from "./schedule";

export type AdminKind = "adminParticipants" | "registerCsv";
export type RequestKind = ActionKind | AdminKind;

/** Answers each kind of request must get; anything else is an error of the run. */
const EXPECTED: Record<RequestKind, readonly number[]> = {
  signInPage: [200],
  csrf: [200],
  signIn: [302],
  course: [200],
  lesson: [200],
  open: [200],
  heartbeat: [200],
  complete: [200],
  quizPage: [200],
  quizStart: [200, 201],
  quizSubmit: [200],
  reviewPage: [200],
  policyPage: [200],
  certificate: [200],
  adminParticipants: [200],
  registerCsv: [200],
};

/** An answer is what the action expects: the status, and for a sign-in the session cookie (Auth.js redirects a refusal too). */
function accepted(kind: RequestKind, status: number, headers: http.IncomingHttpHeaders): boolean {
  if (!EXPECTED[kind].includes(status)) return false;
  if (kind === "signIn") return (headers["set-cookie"] ?? []).some((c) => c.startsWith("authjs.session-token="));
  return true;
}

/** File downloads: reported, but outside the page latency bound (they take as long as their size). */
export const DOWNLOADS: ReadonlySet<RequestKind> = new Set(["certificate", "registerCsv"]);

export type MixLearner = {
  id: number;
  email: string;
  /** The dataset's open session (the minted cookie is for it). */
  sessionId: string;
  mintedCookie: string;
  lessonsDone: number;
  /** Finished the course in this run (never sits again). */
  finished: boolean;
};

type Live = {
  learner: MixLearner;
  actions: Action[];
  delays: Map<number, number>;
  cookie: string | null;
  csrfCookies: string;
  csrfToken: string | null;
  attemptId: number | null;
  questions: { id: string }[] | null;
  certificateCode: string | null;
  /** Incremented on retirement: events of an older generation are dropped. */
  gen: number;
  done: boolean;
};

export type CourseInfo = {
  slug: string;
  lessonSlugs: readonly string[];
  /** Quiz id of each lesson's check (null: none), by lesson number − 1. */
  checkIds: readonly (string | null)[];
  finalId: string | null;
  /** quiz id → question id → the correct option ids. */
  answerKeys: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
};

export type KindFigures = ReturnType<LatencyLog["summary"]> & { errors: number; statuses: Record<string, number> };

export type Recording = {
  from: number;
  to: number;
  kinds: Map<RequestKind, { log: LatencyLog; errors: number; statuses: Map<string, number> }>;
  /** Samples of learners active (taken once a second). */
  activeSamples: number[];
  errorsSample: string[];
};

type Event = { at: number; seq: number; run: () => void };

/** A binary min-heap of timed events (one timer for all of them). */
class EventQueue {
  private heap: Event[] = [];
  private seq = 0;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  /** How late events ran (ms), for the generator's own health. */
  lag = new LatencyLog();
  private stopped = false;

  push(at: number, run: () => void): void {
    if (this.stopped) return;
    const e = { at, seq: this.seq++, run };
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(h[p]!, h[i]!)) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.heap = [];
  }

  get size(): number {
    return this.heap.length;
  }

  private less(a: Event, b: Event) {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private pop(): Event | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }

  private arm(): void {
    const next = this.heap[0];
    if (!next || next.at >= this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = next.at;
    this.timer = setTimeout(() => this.fire(), Math.max(0, next.at - performance.now()));
  }

  private fire(): void {
    this.timer = null;
    this.timerAt = Infinity;
    const now = performance.now();
    let n = 0;
    while (this.heap.length && this.heap[0]!.at <= now + 1) {
      const e = this.pop()!;
      this.lag.add(Math.max(0, now - e.at));
      e.run();
      // Yield now and then so answers are read while many events fall due together.
      if (++n >= 200) break;
    }
    if (this.heap.length) {
      const next = this.heap[0]!;
      this.timerAt = next.at;
      this.timer = setTimeout(() => this.fire(), Math.max(0, next.at - performance.now()));
    }
  }
}

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer | null };

export type DriverOptions = {
  origin: string;
  course: CourseInfo;
  password: string;
  adminCookie: string;
  /** The attempt's answers in the option ids it showed, from the correct authored ids (read where the server wrote the draw). */
  shownAnswers: (attemptId: number, authored: Record<string, readonly string[]>) => Record<string, string[]>;
  sockets: number;
  timeoutMs?: number;
  /** Called when a learner's sitting ends (its state is already updated). */
  onDeparture: (l: MixLearner) => void;
};

export class MixDriver {
  private readonly agent: http.Agent;
  private readonly queue = new EventQueue();
  private readonly live = new Map<number, Live>();
  private recording: Recording | null = null;
  private inFlight = 0;
  private readonly url: URL;
  sent = 0;

  constructor(private readonly opts: DriverOptions) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: opts.sockets, maxFreeSockets: opts.sockets, scheduling: "fifo" });
    this.url = new URL(opts.origin);
  }

  get activeCount(): number {
    return this.live.size;
  }

  get pendingRequests(): number {
    return this.inFlight;
  }

  /** How late this process ran the learners' actions since the last call (its own event loop falling behind). */
  takeLag(): LatencyLog {
    const lag = this.queue.lag;
    this.queue.lag = new LatencyLog();
    return lag;
  }

  activeIds(): number[] {
    return [...this.live.keys()];
  }

  isActive(id: number): boolean {
    return this.live.has(id);
  }

  /** Starts recording requests scheduled from now on; returns the previous recording, if any. */
  record(from: number, to: number): Recording {
    const r: Recording = { from, to, kinds: new Map(), activeSamples: [], errorsSample: [] };
    this.recording = r;
    const sample = () => {
      const now = performance.now();
      if (now >= to || this.recording !== r) return;
      if (now >= from) r.activeSamples.push(this.live.size);
      this.queue.push(now + 1000, sample);
    };
    this.queue.push(from, sample);
    return r;
  }

  /** A learner placed in the middle of a sitting (its earlier part already seeded). */
  warmStart(learner: MixLearner, actions: Action[], w: WarmStart): void {
    const l = this.newLive(learner, actions, w.delays);
    l.cookie = w.prefix.signedIn ? learner.mintedCookie : null;
    this.schedule(l, w.start, performance.now() + w.firstDelay * 1000);
  }

  /** A learner arriving now: signs in, then the whole sitting. */
  arrive(learner: MixLearner, actions: Action[], delaySeconds = 0): void {
    const l = this.newLive(learner, actions, new Map());
    this.schedule(l, 0, performance.now() + delaySeconds * 1000);
  }

  /** The learner leaves now (a step with fewer learners); nothing of theirs is sent any more. */
  retire(id: number): MixLearner | null {
    const l = this.live.get(id);
    if (!l) return null;
    l.gen += 1;
    l.done = true;
    this.live.delete(id);
    return l.learner;
  }

  /** The admin: the participants page and the register download, at the given times (ms, performance.now()). */
  admin(kind: AdminKind, at: number, path: string): void {
    this.queue.push(at, () => {
      void this.request(kind, at, { method: "GET", path, cookie: this.opts.adminCookie, keepBody: false }).catch(() => undefined);
    });
  }

  at(when: number, run: () => void): void {
    this.queue.push(when, run);
  }

  /** Stops everything; answers still on the way are dropped. */
  async close(): Promise<void> {
    this.queue.stop();
    this.live.clear();
    this.recording = null;
    this.agent.destroy();
  }

  /** Waits (at most `ms`) until no request is in flight. */
  async drain(ms: number): Promise<void> {
    const until = performance.now() + ms;
    while (this.inFlight > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
  }

  private newLive(learner: MixLearner, actions: Action[], delays: Map<number, number>): Live {
    const l: Live = { learner, actions, delays, cookie: null, csrfCookies: "", csrfToken: null, attemptId: null, questions: null, certificateCode: null, gen: 0, done: false };
    this.live.set(learner.id, l);
    return l;
  }

  private delayOf(l: Live, i: number): number {
    return l.delays.get(i) ?? l.actions[i]!.delay;
  }

  private schedule(l: Live, i: number, at: number): void {
    if (i >= l.actions.length) return this.depart(l);
    const gen = l.gen;
    this.queue.push(at, () => {
      if (l.gen === gen && !l.done) this.runAction(l, i, at);
    });
  }

  private depart(l: Live): void {
    if (l.done) return;
    l.done = true;
    this.live.delete(l.learner.id);
    this.opts.onDeparture(l.learner);
  }

  private runAction(l: Live, i: number, scheduledAt: number): void {
    const a = l.actions[i]!;
    const next = l.actions[i + 1];
    // The page's timer: the next heartbeat (or the click after the last one) does not wait for this answer.
    if (next && next.after === "sent") this.schedule(l, i + 1, scheduledAt + this.delayOf(l, i + 1) * 1000);
    const gen = l.gen;
    const req = this.build(l, a);
    if (!req) {
      // Nothing to send (e.g. no certificate was issued): go on as if answered at once.
      if (!next || next.after === "answer") this.schedule(l, i + 1, scheduledAt + (next ? this.delayOf(l, i + 1) * 1000 : 0));
      return;
    }
    this.request(a.kind, scheduledAt, req).then(
      (res) => {
        if (l.gen !== gen || l.done) return;
        const ok = accepted(a.kind, res.status, res.headers);
        if (ok) this.absorb(l, a, res);
        else if (a.kind === "signIn" || a.kind === "csrf") return this.depart(l);
        let skip = 0;
        // Without an attempt there is nothing to submit or review.
        if (!ok && a.kind === "quizStart") skip = 2;
        if (!next || next.after === "answer") {
          const j = i + 1 + skip;
          this.schedule(l, j, performance.now() + (j < l.actions.length ? this.delayOf(l, j) * 1000 : 0));
        } else if (i + 1 >= l.actions.length) this.depart(l);
      },
      () => {
        if (l.gen !== gen || l.done) return;
        if (a.kind === "signIn" || a.kind === "csrf") return this.depart(l);
        if (!next || next.after === "answer") this.schedule(l, i + 1, performance.now() + (next ? this.delayOf(l, i + 1) * 1000 : 0));
      },
    );
  }

  /** What an answer teaches the learner: cookies, the attempt, the certificate code; and their progress. */
  private absorb(l: Live, a: Action, res: Answer): void {
    const setCookies = res.headers["set-cookie"] ?? [];
    if (a.kind === "csrf") {
      l.csrfCookies = setCookies.map((c) => c.split(";")[0]).join("; ");
      l.csrfToken = (JSON.parse(res.body!.toString("utf8")) as { csrfToken: string }).csrfToken;
    } else if (a.kind === "signIn") {
      const session = setCookies.map((c) => c.split(";")[0]!).find((c) => c.startsWith("authjs.session-token="));
      l.cookie = session ?? null;
    } else if (a.kind === "quizStart") {
      const body = JSON.parse(res.body!.toString("utf8")) as { attemptId: number; questions: { id: string }[] };
      l.attemptId = body.attemptId;
      l.questions = body.questions;
    } else if (a.kind === "complete") {
      l.learner.lessonsDone = Math.max(l.learner.lessonsDone, a.lesson!);
    } else if (a.kind === "quizSubmit" && a.quiz === "final") {
      const body = JSON.parse(res.body!.toString("utf8")) as { passed: boolean };
      if (body.passed) l.learner.finished = true;
    } else if (a.kind === "course" && res.body) {
      const m = /\/api\/certificates\/([A-Za-z0-9-]+)\.pdf/.exec(res.body.toString("utf8"));
      l.certificateCode = m ? m[1]! : null;
    }
  }

  private build(l: Live, a: Action): { method: "GET" | "POST"; path: string; cookie: string | null; body?: string; form?: boolean; keepBody: boolean } | null {
    const c = this.opts.course;
    const cookie = l.cookie;
    const json = (path: string, body: unknown, keepBody = false) => ({ method: "POST" as const, path, cookie, body: JSON.stringify(body), keepBody });
    const quizId = a.quiz === "final" ? c.finalId : (c.checkIds[(a.lesson ?? 0) - 1] ?? null);
    switch (a.kind) {
      case "signInPage":
        return { method: "GET", path: `/sign-in?callbackUrl=${encodeURIComponent(`/courses/${c.slug}`)}`, cookie: null, keepBody: false };
      case "csrf":
        return { method: "GET", path: "/api/auth/csrf", cookie: null, keepBody: true };
      case "signIn": {
        const form = new URLSearchParams({ email: l.learner.email, password: this.opts.password, csrfToken: l.csrfToken ?? "", callbackUrl: `/courses/${c.slug}` });
        return { method: "POST", path: "/api/auth/callback/credentials", cookie: l.csrfCookies, body: form.toString(), form: true, keepBody: false };
      }
      case "course": {
        // After the final test the page links the certificate: read it then.
        const next = l.actions[l.actions.indexOf(a) + 1];
        return { method: "GET", path: `/courses/${c.slug}`, cookie, keepBody: next?.kind === "certificate" };
      }
      case "lesson":
        return { method: "GET", path: `/courses/${c.slug}/${c.lessonSlugs[a.lesson! - 1]}`, cookie, keepBody: false };
      case "open":
      case "complete":
        return json("/api/progress", { courseSlug: c.slug, lessonSlug: c.lessonSlugs[a.lesson! - 1], action: a.kind });
      case "heartbeat":
        return json("/api/heartbeat", { courseSlug: c.slug, lessonSlug: c.lessonSlugs[a.lesson! - 1] });
      case "quizPage":
        return quizId ? { method: "GET", path: `/courses/${c.slug}/quiz/${quizId}`, cookie, keepBody: false } : null;
      case "quizStart":
        return quizId ? json("/api/quiz/attempts", { courseSlug: c.slug, quizId }, true) : null;
      case "quizSubmit": {
        if (!quizId || l.attemptId === null || !l.questions) return null;
        const key = c.answerKeys.get(quizId);
        const authored = Object.fromEntries(l.questions.map((q) => [q.id, [...(key?.get(q.id) ?? [])]]));
        // The API takes the ids this attempt showed, not the authored ones (lib/quiz/option-keys.ts).
        const answers = this.opts.shownAnswers(l.attemptId, authored);
        return json(`/api/quiz/attempts/${l.attemptId}/submit`, { answers }, a.quiz === "final");
      }
      case "reviewPage":
        return quizId && l.attemptId !== null ? { method: "GET", path: `/courses/${c.slug}/quiz/${quizId}?attempt=${l.attemptId}`, cookie, keepBody: false } : null;
      case "policyPage":
        return { method: "GET", path: `/courses/${c.slug}/policy`, cookie, keepBody: false };
      case "certificate":
        return l.certificateCode ? { method: "GET", path: `/api/certificates/${l.certificateCode}.pdf`, cookie, keepBody: false } : null;
    }
  }

  private request(kind: RequestKind, scheduledAt: number, r: { method: "GET" | "POST"; path: string; cookie: string | null; body?: string; form?: boolean; keepBody: boolean }): Promise<Answer> {
    const headers: Record<string, string> = { accept: kind === "signInPage" || kind === "course" || kind === "lesson" || kind === "quizPage" || kind === "reviewPage" || kind === "policyPage" || kind === "adminParticipants" ? "text/html" : "*/*" };
    if (r.cookie) headers.cookie = r.cookie;
    if (r.method === "POST") {
      // What a browser sends with a same-origin POST.
      headers.origin = this.opts.origin;
      headers["sec-fetch-site"] = "same-origin";
      headers["content-type"] = r.form ? "application/x-www-form-urlencoded" : "application/json";
      headers["content-length"] = String(Buffer.byteLength(r.body ?? ""));
    }
    this.inFlight += 1;
    this.sent += 1;
    return new Promise<Answer>((resolve, reject) => {
      const req = http.request(
        { agent: this.agent, hostname: this.url.hostname, port: this.url.port, method: r.method, path: r.path, headers, timeout: this.opts.timeoutMs ?? 30_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => {
            if (r.keepBody) chunks.push(c);
          });
          res.on("end", () => {
            this.inFlight -= 1;
            const answer = { status: res.statusCode ?? 0, headers: res.headers, body: r.keepBody ? Buffer.concat(chunks) : null };
            this.note(kind, scheduledAt, answer.status, accepted(kind, answer.status, res.headers) ? null : undefined);
            resolve(answer);
          });
          res.on("error", (e) => {
            this.inFlight -= 1;
            this.note(kind, scheduledAt, 0, e.message);
            reject(e);
          });
        },
      );
      req.on("timeout", () => req.destroy(new Error("timeout")));
      let answered = false;
      req.on("response", () => {
        answered = true;
      });
      req.on("error", (e) => {
        if (answered) return; // reported by the response's own error
        this.inFlight -= 1;
        this.note(kind, scheduledAt, 0, e.message);
        reject(e);
      });
      req.end(r.body);
    });
  }

  /** `error`: a message when there was no answer, undefined when the answer was not the expected one. */
  private note(kind: RequestKind, scheduledAt: number, status: number, error: string | null | undefined): void {
    const r = this.recording;
    if (!r || scheduledAt < r.from || scheduledAt >= r.to) return;
    let k = r.kinds.get(kind);
    if (!k) r.kinds.set(kind, (k = { log: new LatencyLog(), errors: 0, statuses: new Map() }));
    const label = error ? `error: ${error}` : error === undefined && status === 302 ? "302 without a session" : String(status);
    k.statuses.set(label, (k.statuses.get(label) ?? 0) + 1);
    if (error !== null) {
      k.errors += 1;
      if (r.errorsSample.length < 20) r.errorsSample.push(`${kind} ${label}`);
      return;
    }
    k.log.add(performance.now() - scheduledAt);
  }
}

/** Per-kind figures of a recording. */
export function figuresOf(r: Recording): Record<string, KindFigures> {
  const out: Record<string, KindFigures> = {};
  for (const [kind, k] of [...r.kinds.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    out[kind] = { ...k.log.summary(), errors: k.errors, statuses: Object.fromEntries(k.statuses) };
  }
  return out;
}
