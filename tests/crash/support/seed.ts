import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { parse } from "yaml";
import { readBank, type BankQuestion } from "../../support/answer-key";
import { openEngine } from "@/db/engine/open";
import { locate } from "../../support/database-location";
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
 * `count` learners written straight into the database (an SQLite file or a PostgreSQL URL, migrated
 * first) — user, learner role, an open access-log session, the privacy acknowledgement, every lesson
 * of the course opened and completed (the final test needs them all), an enrolment, and
 * a learner clock started 5 s ago (so the first heartbeat already credits time) — each with a
 * session cookie minted the way Auth.js does (same secret and salt), instead of signing in over HTTP.
 */
export async function seedLearners(database: string, count: number, secret: string, prefix: string): Promise<Learner[]> {
  const d = await openEngine(locate(database));
  const created: { userId: number; sessionId: string }[] = [];
  try {
    const notice = (parse(fs.readFileSync(path.join(CONTENT_DIR, "privacy", "notice.yaml"), "utf8")) as { version: string }).version;
    const course = lessons();
    if (course.length !== 11) throw new Error(`expected the 11 lessons of ${COURSE}, found ${course.length}`);
    const now = Math.floor(Date.now() / 1000);
    await d.write(async (tx) => {
      for (let i = 0; i < count; i++) {
        const user = await tx.get<{ id: number }>("INSERT INTO users (email, password_hash, first_name, last_name) VALUES (?, NULL, 'Crash', ?) RETURNING id", [`${prefix}-${i}@crash.test`, `${prefix}-${i}`]);
        const userId = user!.id;
        await tx.run("INSERT INTO user_roles (user_id, role) VALUES (?, 'learner')", [userId]);
        const sessionId = randomUUID();
        await tx.run("INSERT INTO auth_sessions (id, user_id, login_at, last_seen_at, ip, user_agent) VALUES (?, ?, ?, ?, '127.0.0.1', 'crash-test')", [sessionId, userId, now, now]);
        await tx.run("INSERT INTO privacy_acknowledgements (user_id, notice_version, acknowledged_at) VALUES (?, ?, ?)", [userId, notice, now]);
        for (const l of course) {
          await tx.run(
            `INSERT INTO lesson_progress (user_id, course_slug, lesson_slug, first_opened_at, opened_content_hash, completed_at, completed_content_hash)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
            [userId, COURSE, l.slug, now - 3600, l.hash, now - 1800, l.hash],
          );
        }
        await tx.run("INSERT INTO learner_clocks (user_id, last_credited_at_ms) VALUES (?, ?)", [userId, Date.now() - 5_000]);
        await tx.run("INSERT INTO enrolments (user_id, course_slug) VALUES (?, ?)", [userId, COURSE]);
        created.push({ userId, sessionId });
      }
    });
  } finally {
    await d.close();
  }
  return Promise.all(
    created.map(async (c) => ({
      ...c,
      cookie: `authjs.session-token=${await encode({ token: { sub: String(c.userId), uid: c.userId, sid: c.sessionId }, secret, salt: "authjs.session-token" })}`,
    })),
  );
}
