import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { parse } from "yaml";
import { readBank, type BankQuestion } from "../../support/answer-key";
import { openDatabase } from "@/db/open";
import { getCourse, publishedLessons } from "@/lib/content/lookup";
import { CONTENT_DIR } from "./server";

export const COURSE = "lavoro-e-social-media";
export const FINAL_QUIZ = "final";

export type Learner = { userId: number; sessionId: string; cookie: string };

/** The final test's bank, read straight from the course's YAML (not through the app's loader). */
export function finalBankFile(): Map<string, BankQuestion> {
  return readBank(path.join(CONTENT_DIR, "courses", COURSE, "quizzes", `${FINAL_QUIZ}.yaml`));
}

/** The course's published lessons with their Italian content hash, in order (the app's catalog). */
export function lessons(): { slug: string; hash: string }[] {
  const course = getCourse(COURSE, CONTENT_DIR);
  if (!course) throw new Error(`no course ${COURSE} in ${CONTENT_DIR}`);
  return publishedLessons(course).map((l) => ({ slug: l.slug, hash: l.locales.it.contentHash }));
}

/**
 * `count` learners written straight into the database — user, learner role, an open
 * access-log session, the privacy acknowledgement, every lesson of the course opened and
 * completed (the final test needs them all), an enrolment when the schema has enrolments, and
 * a learner clock started 5 s ago (so the first heartbeat already credits time) — each with a
 * session cookie minted the way Auth.js does (same secret and salt), instead of signing in over HTTP.
 */
export async function seedLearners(databaseFile: string, count: number, secret: string, prefix: string): Promise<Learner[]> {
  const d = openDatabase(databaseFile);
  const created: { userId: number; sessionId: string }[] = [];
  try {
    const sqlite = d.sqlite;
    const notice = (parse(fs.readFileSync(path.join(CONTENT_DIR, "privacy", "notice.yaml"), "utf8")) as { version: string }).version;
    const hasEnrolments = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'enrolments'").get() !== undefined;
    const course = lessons();
    if (course.length !== 11) throw new Error(`expected the 11 lessons of ${COURSE}, found ${course.length}`);
    const now = Math.floor(Date.now() / 1000);
    const insertUser = sqlite.prepare("INSERT INTO users (email, password_hash, first_name, last_name) VALUES (?, NULL, 'Crash', ?)");
    const insertRole = sqlite.prepare("INSERT INTO user_roles (user_id, role) VALUES (?, 'learner')");
    const insertSession = sqlite.prepare("INSERT INTO auth_sessions (id, user_id, login_at, last_seen_at, ip, user_agent) VALUES (?, ?, ?, ?, '127.0.0.1', 'crash-test')");
    const insertAck = sqlite.prepare("INSERT INTO privacy_acknowledgements (user_id, notice_version, acknowledged_at) VALUES (?, ?, ?)");
    const insertProgress = sqlite.prepare(
      `INSERT INTO lesson_progress (user_id, course_slug, lesson_slug, first_opened_at, opened_content_hash, completed_at, completed_content_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertClock = sqlite.prepare("INSERT INTO learner_clocks (user_id, last_credited_at_ms) VALUES (?, ?)");
    const insertEnrolment = hasEnrolments ? sqlite.prepare("INSERT INTO enrolments (user_id, course_slug) VALUES (?, ?)") : null;
    sqlite
      .transaction(() => {
        for (let i = 0; i < count; i++) {
          const userId = Number(insertUser.run(`${prefix}-${i}@crash.test`, `${prefix}-${i}`).lastInsertRowid);
          insertRole.run(userId);
          const sessionId = randomUUID();
          insertSession.run(sessionId, userId, now, now);
          insertAck.run(userId, notice, now);
          for (const l of course) insertProgress.run(userId, COURSE, l.slug, now - 3600, l.hash, now - 1800, l.hash);
          insertClock.run(userId, Date.now() - 5_000);
          insertEnrolment?.run(userId, COURSE);
          created.push({ userId, sessionId });
        }
      })
      .immediate();
  } finally {
    d.sqlite.close();
  }
  return Promise.all(
    created.map(async (c) => ({
      ...c,
      cookie: `authjs.session-token=${await encode({ token: { sub: String(c.userId), uid: c.userId, sid: c.sessionId }, secret, salt: "authjs.session-token" })}`,
    })),
  );
}

/** A fresh connection on the file after the server died (it replays the WAL like the next server would). */
export function openAfterCrash(databaseFile: string): Database.Database {
  const sqlite = new Database(databaseFile, { fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  return sqlite;
}
