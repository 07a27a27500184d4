/**
 * One stand-in app process for the multi-process tests (tests/integration/multi-process.test.ts):
 * a separate Node process with its own SQLite connection, its own module state (memos, caches)
 * and the app's own functions, driven over stdin/stdout one JSON line at a time. Started with
 * `tsx --conditions=react-server` like the project's scripts.
 */
import readline from "node:readline";
import { openDatabase } from "@/db/open";
import { requestAccountLink } from "@/lib/account/request-link";
import { recordLearnerHeartbeat } from "@/lib/progress/heartbeat";
import { authenticateScim } from "@/lib/scim/token";
import { appendAuditEvent } from "@/lib/audit/trail";
import { findQuiz, parseDrawn, questionsById, startAttempt, submitAttempt } from "@/lib/attempts/lifecycle";

export type AppProcessCommand =
  | { op: "heartbeats"; userId: number; courseSlug: string; lessonSlug: string; atMs: number[] }
  | { op: "link-requests"; ip: string; email: string; count: number }
  | { op: "scim"; ip: string; authorization: string; count: number }
  | { op: "pass-final"; userId: number; courseSlug: string; contentRoot: string }
  | { op: "submit"; userId: number; attemptId: number; answers: Record<string, string[]>; contentRoot: string }
  | { op: "audit"; subject: string; count: number };

const d = openDatabase(process.argv[2]!, { migrate: false });

async function run(c: AppProcessCommand): Promise<unknown> {
  switch (c.op) {
    case "heartbeats": {
      const credited: number[] = [];
      for (const nowMs of c.atMs) {
        const r = await recordLearnerHeartbeat(d, { userId: c.userId, sessionId: null, courseSlug: c.courseSlug, lessonSlug: c.lessonSlug, nowMs });
        credited.push(r.ok ? r.creditedSeconds : -1);
      }
      return credited;
    }
    case "link-requests": {
      const outcomes: string[] = [];
      for (let i = 0; i < c.count; i++) outcomes.push((await requestAccountLink(d, { email: c.email, ip: c.ip })).outcome);
      return outcomes;
    }
    case "scim": {
      const statuses: number[] = [];
      for (let i = 0; i < c.count; i++) {
        const r = await authenticateScim(d, c.authorization, c.ip);
        statuses.push(r.ok ? 200 : r.status);
      }
      return statuses;
    }
    case "audit": {
      // Each in its own write transaction, as requests append them.
      const ids: number[] = [];
      for (let i = 0; i < c.count; i++) ids.push(await d.write(async () => (await appendAuditEvent(d, { type: "admin.export", actorUserId: null, subject: c.subject, data: { i } })).id));
      return ids;
    }
    case "submit": {
      const r = await submitAttempt(d, { userId: c.userId, attemptId: c.attemptId, answers: c.answers, answersAs: "authored", contentRoot: c.contentRoot });
      return r.ok ? "graded" : r.code;
    }
    case "pass-final": {
      const started = await startAttempt(d, { userId: c.userId, sessionId: null, courseSlug: c.courseSlug, quizId: "final", contentRoot: c.contentRoot });
      if (!started.ok) throw new Error(started.code);
      const byId = questionsById(findQuiz(c.courseSlug, "final", c.contentRoot)!.quiz);
      const answers = Object.fromEntries(parseDrawn(started.attempt).map((q) => [q.questionId, byId.get(q.questionId)!.options.filter((o) => o.correct).map((o) => o.id)]));
      return (await submitAttempt(d, { userId: c.userId, attemptId: started.attempt.id, answers, answersAs: "authored", contentRoot: c.contentRoot })).ok;
    }
  }
}

// One command at a time, answered in the order they came (the test matches answers to commands by order).
let previous: Promise<void> = Promise.resolve();
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  previous = previous.then(async () => {
    try {
      process.stdout.write(JSON.stringify({ ok: true, value: await run(JSON.parse(line) as AppProcessCommand) }) + "\n");
    } catch (e) {
      process.stdout.write(JSON.stringify({ ok: false, error: e instanceof Error ? e.stack : String(e) }) + "\n");
    }
  });
});
process.stdout.write(JSON.stringify({ ok: true, value: "ready" }) + "\n");
