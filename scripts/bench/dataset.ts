/**
 * The benchmark's dataset: one company and N learners of the real course, as the app would
 * have left them after a few months of use — written in ONE transaction with prepared
 * statements (the app's own write paths, one learner at a time, would take hours at 10,000).
 *
 * Same schema and the same rules as the app: codici fiscali with a valid check character,
 * lesson progress with the content hashes of the real lessons, heartbeat detail every 30 s
 * inside real sign-in sessions, final-test attempts drawn with the app's draw and graded with
 * its grader, completion records with the attendance the completion rule computes, and
 * certificates with codes from `lib/certificates/code.ts`.
 *
 * Not generated: audit events (the hash chain is written row by row by the app; the bulk rows
 * have none, so the access log's "lessons opened" column, which reads `lesson.open` events,
 * is empty for them), login attempts, heartbeat_daily (the detail is within retention).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import type Database from "better-sqlite3";
import { openDatabase, type AppDatabase } from "@/db/open";
import { finalBank, getCourse, publishedLessons } from "@/lib/content/lookup";
import { drawFinalTest, mulberry32, type DrawnQuestion, type Rng } from "@/lib/quiz/draw";
import { gradeAttempt, questionMap } from "@/lib/quiz/grade";
import type { Question } from "@/lib/quiz/types";
import { privacyNotice } from "@/lib/privacy/notice";
import { socialMediaPolicy } from "@/lib/policy/policy";
import { newCertificateCode } from "@/lib/certificates/code";
import { hashPassword } from "@/lib/auth/password";
import { BIRTH_PLACES, fiscalCode, lettersOnly } from "./fiscal-code";

export const BENCH_COURSE = "lavoro-e-social-media";
export const ADMIN_EMAIL = "admin@bench.example";

/** completed: certificate holders; ready: every lesson done, two failed final tests (a third is allowed); progressing: mid-course. */
export type Cohort = "completed" | "ready" | "progressing";
const COHORT_CYCLE: readonly Cohort[] = ["completed", "ready", "completed", "ready", "completed", "progressing", "completed", "ready", "completed", "completed"];

export type BenchLearner = {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  cohort: Cohort;
  /** The open sign-in session the benchmark's cookie carries. */
  sessionId: string;
  /** The lesson this learner is on (last opened), and how many lessons they completed. */
  currentLesson: string;
  completedLessons: number;
};

export type Dataset = {
  file: string;
  courseSlug: string;
  lessonSlugs: string[];
  finalQuizId: string;
  learners: BenchLearner[];
  admin: { id: number; email: string; sessionId: string };
  /** Extra open sessions (a second device) for the memo-overflow heartbeat run. */
  extraSessions: { userId: number; email: string; sessionId: string; lessonSlug: string }[];
  /** Rome days (inclusive) that hold exactly `count` completions: the 1,000-certificate export. */
  certificateWindow: { from: string; to: string; count: number };
  rows: Record<string, number>;
  seconds: number;
};

const FEMALE = ["Giulia", "Chiara", "Francesca", "Sara", "Martina", "Elena", "Valentina", "Alessia", "Federica", "Silvia", "Laura", "Anna", "Paola", "Roberta", "Elisa", "Giorgia", "Ilaria", "Serena", "Marta", "Beatrice", "Camilla", "Alice", "Noemi", "Lucia", "Monica", "Cristina", "Maria Chiara", "Simona", "Teresa", "Caterina"];
const MALE = ["Marco", "Luca", "Giuseppe", "Francesco", "Alessandro", "Andrea", "Matteo", "Lorenzo", "Davide", "Simone", "Federico", "Stefano", "Paolo", "Giovanni", "Antonio", "Roberto", "Riccardo", "Nicola", "Fabio", "Emanuele", "Daniele", "Gabriele", "Tommaso", "Pietro", "Salvatore", "Vincenzo", "Michele", "Claudio", "Massimo", "Niccolò"];
const SURNAMES = ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone", "Longo", "Gentile", "Martinelli", "Vitale", "Lombardo", "Serra", "Coppola", "De Santis", "D'Angelo", "Marchetti", "Parisi", "Villa", "Conte", "Ferraro", "Ferri", "Fabbri", "Bianco", "Marini", "Grasso", "Valentini", "Messina", "Sala", "De Angelis", "Gatti", "Pellegrini", "Palumbo", "Sanna", "Farina", "Rizzi", "Monti", "Cattaneo", "Morelli", "Amato", "Silvestri", "Mazza", "Testa", "Dell'Acqua", "Pellegrino", "Carbone", "Giuliani", "Benedetti", "Barone", "Rossetti", "Caputo", "Montanari", "Guerra", "Palmieri", "Bernardi", "Martino", "Fiore", "De Rosa", "Ferretti", "Bellini", "Basile", "Riva", "Donati", "Piras", "Vitali", "Battaglia", "Sartori", "Neri", "Costantini", "Milani", "Pagano", "Ruggiero", "Sorrentino", "D'Amico", "Orlando", "Negri", "Mattei", "Fumagalli", "Cocco", "Zanetti", "Zanella", "Brambilla", "Fadda", "Sala", "Baldini"];
/** Weighted: production and logistics are the big departments of a manufacturer. */
const DEPARTMENTS: readonly [string, number][] = [
  ["Produzione", 30], ["Logistica", 14], ["Vendite", 12], ["Assistenza clienti", 10], ["Amministrazione", 8], ["Acquisti", 5],
  ["Marketing", 5], ["Qualità", 5], ["Manutenzione", 4], ["Risorse umane", 3], ["Sistemi informativi", 2], ["Ricerca e sviluppo", 2],
];
const QUALIFICATIONS: readonly [string, number][] = [["Operaio", 50], ["Impiegato", 38], ["Quadro", 9], ["Dirigente", 1], ["Apprendista", 2]];
const CONTRACTS: readonly [string, number][] = [["Tempo indeterminato", 80], ["Tempo determinato", 14], ["Apprendistato", 4], ["Part-time", 2]];
const USER_AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
];

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;
const BEAT_S = 30;

function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1]![0];
}
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const between = (rng: Rng, lo: number, hi: number) => lo + rng() * (hi - lo);
const sec = (ms: number) => Math.floor(ms / 1000);
/** UTC midnight of the day `ms` falls in. */
const utcDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function tableExists(sqlite: Database.Database, name: string): boolean {
  return sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

export type DatasetOptions = {
  learners: number;
  seed?: number;
  now?: number;
  extraSessions?: number;
  /**
   * `paths` (default): 60 % completed, 30 % ready for a third final test, 10 % mid-course — the
   * path benchmark's registers and submissions. `mix`: a training day — every learner still in
   * training, spread evenly over 0..N lessons done (N done: ready for the final test after two
   * failed attempts), the policy acknowledged (the mix does not post its server action).
   */
  plan?: "paths" | "mix";
  /** Everyone's password (the mix signs in over HTTP); random when not given. */
  password?: string;
};

/**
 * Creates and fills a fresh, migrated SQLite file. The learners' open sessions are dated a
 * few minutes before `now`, so cookies minted for them are valid for the whole run.
 */
export async function generateDataset(file: string, opts: DatasetOptions): Promise<Dataset> {
  const started = performance.now();
  if (fs.existsSync(file)) throw new Error(`${file} exists: the benchmark needs a fresh database`);
  const course = getCourse(BENCH_COURSE);
  if (!course) throw new Error(`course "${BENCH_COURSE}" not found in content/: the benchmark uses the real course`);
  const lessons = publishedLessons(course).map((l) => ({ slug: l.slug, hash: l.locales.it.contentHash, minutes: l.locales.it.frontmatter.duration }));
  const bank = finalBank(course);
  const settings = course.finalTest;
  if (!bank || !settings) throw new Error(`course "${BENCH_COURSE}" has no final test`);
  const byId = questionMap(bank.questions);
  const plannedSeconds = course.plannedMinutes * 60;
  const privacyVersion = privacyNotice().version;
  const policyVersion = socialMediaPolicy()?.version ?? null;
  const passwordHash = await hashPassword(opts.password ?? crypto.randomBytes(18).toString("base64url"));
  const mix = opts.plan === "mix";

  const rng = mulberry32(opts.seed ?? 20_270_301);
  const now = opts.now ?? Date.now();
  const n = opts.learners;
  // The mix: learner i has done i mod (lessons + 1) lessons, all of them = ready for the final test.
  const mixDone = (i: number) => i % (lessons.length + 1);
  const cohorts = Array.from({ length: n }, (_, i): Cohort => (mix ? (mixDone(i) === lessons.length ? "ready" : "progressing") : COHORT_CYCLE[i % COHORT_CYCLE.length]!));
  const completedTotal = cohorts.filter((c) => c === "completed").length;
  // 100 completions a day, the last ones five days ago: the first ten days hold exactly 1,000.
  const PER_DAY = 100;
  const completionDays = Math.ceil(completedTotal / PER_DAY);
  const firstCompletionDay = utcDay(now) - (completionDays + 5) * DAY_MS;
  const launch = firstCompletionDay - 14 * DAY_MS;

  const d = openDatabase(file);
  const s = d.sqlite;
  s.pragma("synchronous = OFF");
  const rows: Record<string, number> = {};
  const count = (table: string, k = 1) => void (rows[table] = (rows[table] ?? 0) + k);

  const ins = {
    company: s.prepare(
      "INSERT INTO companies (name, tax_code, inps_number, city, signer_name, signer_role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    user: s.prepare(
      `INSERT INTO users (company_id, email, password_hash, first_name, last_name, fiscal_code, department, qualification, contract_type, locale, active, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?)`,
    ),
    role: s.prepare("INSERT INTO user_roles (user_id, role, created_at) VALUES (?, ?, ?)"),
    session: s.prepare(
      "INSERT INTO auth_sessions (id, user_id, login_at, last_seen_at, ended_at, end_reason, active_seconds, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    privacy: s.prepare("INSERT INTO privacy_acknowledgements (user_id, notice_version, acknowledged_at) VALUES (?, ?, ?)"),
    policy: s.prepare("INSERT INTO policy_acknowledgements (user_id, policy_version, course_slug, acknowledged_at) VALUES (?, ?, ?, ?)"),
    progress: s.prepare(
      `INSERT INTO lesson_progress (user_id, course_slug, lesson_slug, first_opened_at, opened_content_hash, completed_at, completed_content_hash, active_seconds, last_heartbeat_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    beat: s.prepare("INSERT INTO heartbeats (user_id, auth_session_id, course_slug, lesson_slug, received_at, credited_seconds) VALUES (?, ?, ?, ?, ?, ?)"),
    clock: s.prepare("INSERT INTO learner_clocks (user_id, last_credited_at_ms) VALUES (?, ?)"),
    attempt: s.prepare(
      `INSERT INTO quiz_attempts (user_id, course_slug, quiz_id, kind, attempt_number, auth_session_id, quiz_content_hash, questions, started_at, expires_at,
                                  submitted_at, answers, score_percent, correct_count, total_questions, passed, results)
       VALUES (?, ?, ?, 'final', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    completion: s.prepare(
      `INSERT INTO course_completions (user_id, course_slug, course_version, completed_at, active_seconds, planned_minutes, attendance_percent, final_score_percent, final_attempt_id, lesson_hashes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    certificate: s.prepare("INSERT INTO certificates (code, user_id, course_slug, completion_id, issued_at) VALUES (?, ?, ?, ?, ?)"),
  };

  const learners: BenchLearner[] = [];
  const extraSessions: Dataset["extraSessions"] = [];
  let admin: Dataset["admin"] | undefined;
  const usedCodes = new Set<string>();
  const lessonHashes = JSON.stringify(Object.fromEntries(lessons.map((l) => [l.slug, l.hash])));

  /** Answers that get `correct` of the drawn questions right (the rest wrong), graded by the app's grader. */
  const answerAttempt = (drawn: DrawnQuestion[], correct: number) => {
    const answers: Record<string, string[]> = {};
    drawn.forEach((q, i) => {
      const question = byId.get(q.questionId) as Question;
      const right = question.options.filter((o) => o.correct).map((o) => o.id);
      const wrong = question.options.find((o) => !o.correct)?.id;
      answers[q.questionId] = i < correct || !wrong ? right : [wrong];
    });
    const graded = gradeAttempt(drawn, byId, answers, { partialCredit: settings.partialCredit, passMark: course.completion.passMark });
    return { answers, graded };
  };

  const write = s.transaction(() => {
    const created = sec(launch - 30 * DAY_MS);
    const companyId = Number(
      ins.company.run("Officine Binomio S.p.A.", "01234567897", "1234567890", "Milano", "Alessandra Conti", "Responsabile della formazione", created).lastInsertRowid,
    );
    count("companies");
    if (tableExists(s, "departments")) {
      const dept = s.prepare("INSERT INTO departments (company_id, name, created_at) VALUES (?, ?, ?)");
      for (const [name] of DEPARTMENTS) dept.run(companyId, name, created);
      count("departments", DEPARTMENTS.length);
    }
    if (tableExists(s, "enrolment_rules")) {
      // A rule enrols its own company's learners only (issue #19).
      s.prepare("INSERT INTO enrolment_rules (company_id, course_slug, scope, department, due_date, created_at) VALUES (?, ?, 'everyone', NULL, ?, ?)").run(
        companyId,
        BENCH_COURSE,
        isoDay(now + 30 * DAY_MS),
        sec(launch),
      );
      count("enrolment_rules");
    }

    // The admin who downloads the registers.
    const adminId = Number(
      ins.user.run(companyId, ADMIN_EMAIL, passwordHash, "Alessandra", "Conti", "CNTLSN85C52F205A", "Risorse umane", "Quadro", "Tempo indeterminato", "it", created, created)
        .lastInsertRowid,
    );
    // The company's admin: the registers and exports of their own company.
    s.prepare("INSERT INTO user_roles (user_id, role, company_id, created_at) VALUES (?, 'company_admin', ?, ?)").run(adminId, companyId, created);
    ins.privacy.run(adminId, privacyVersion, sec(launch));
    const adminSession = crypto.randomUUID();
    ins.session.run(adminSession, adminId, sec(now - 5 * MIN_MS), sec(now - 5 * MIN_MS), null, null, 0, "10.0.0.2", USER_AGENTS[0]);
    admin = { id: adminId, email: ADMIN_EMAIL, sessionId: adminSession };
    count("users");
    count("auth_sessions");

    let completedIndex = 0;
    for (let i = 0; i < n; i++) {
      const cohort = cohorts[i]!;
      const sex = rng() < 0.48 ? "F" : "M";
      const firstName = pick(rng, sex === "F" ? FEMALE : MALE);
      const lastName = pick(rng, SURNAMES);
      let code: string;
      do {
        code = fiscalCode({
          firstName,
          lastName,
          sex,
          birth: { year: 1960 + Math.floor(rng() * 45), month: 1 + Math.floor(rng() * 12), day: 1 + Math.floor(rng() * 28) },
          place: pick(rng, BIRTH_PLACES),
        });
      } while (usedCodes.has(code));
      usedCodes.add(code);
      const email = `${lettersOnly(firstName).toLowerCase()}.${lettersOnly(lastName).toLowerCase()}.${i + 1}@bench.example`;
      const userId = Number(
        ins.user.run(
          companyId,
          email,
          passwordHash,
          firstName,
          lastName,
          code,
          weighted(rng, DEPARTMENTS),
          weighted(rng, QUALIFICATIONS),
          weighted(rng, CONTRACTS),
          rng() < 0.1 ? "en" : "it",
          created,
          created,
        ).lastInsertRowid,
      );
      ins.role.run(userId, "learner", created);
      count("users");
      count("user_roles");

      // The learner's history on a relative clock (ms from 0), shifted into place at the end.
      const lessonsDone = cohort === "progressing" ? (mix ? mixDone(i) : Math.floor(rng() * lessons.length)) : lessons.length;
      const factor = cohort === "progressing" ? between(rng, 0.6, 1.1) : between(rng, 0.8, 1.15);
      type Beat = { at: number; lesson: string; session: number };
      type Session = { start: number; end: number; signedOut: boolean; seconds: number; ua: string; ip: string };
      type LessonRow = { slug: string; hash: string; opened: number; completed: number | null; seconds: number; lastBeat: number | null };
      const sessions: Session[] = [];
      const beats: Beat[] = [];
      const lessonRows: LessonRow[] = [];
      const ua = pick(rng, USER_AGENTS);
      const ip = `10.${Math.floor(rng() * 200)}.${Math.floor(rng() * 250)}.${1 + Math.floor(rng() * 250)}`;
      let day = 0;
      let t = 0;
      const openSession = () => {
        t = day * DAY_MS + between(rng, 7.5, 12) * 3_600_000;
        sessions.push({ start: t, end: t, signedOut: rng() < 0.6, seconds: 0, ua, ip });
        t += between(rng, 20, 120) * 1000;
        day += 1 + Math.floor(rng() * 3);
      };
      const closeSession = () => {
        sessions[sessions.length - 1]!.end = t;
      };
      const firstSessionStart = () => sessions[0]!.start;

      // Lessons, two to four per sitting; a progressing learner is part-way through the next one.
      const toOpen = Math.min(lessons.length, lessonsDone + (cohort === "progressing" ? 1 : 0));
      let inSession = 0;
      let perSession = 0;
      for (let li = 0; li < toOpen; li++) {
        if (inSession === perSession) {
          if (sessions.length) closeSession();
          openSession();
          inSession = 0;
          perSession = 2 + Math.floor(rng() * 3);
        }
        inSession++;
        const lesson = lessons[li]!;
        const done = li < lessonsDone;
        const target = lesson.minutes * 60 * factor * (done ? between(rng, 0.95, 1.05) : between(rng, 0.1, 0.7));
        const count30 = Math.max(1, Math.round(target / BEAT_S));
        const opened = t;
        for (let b = 0; b < count30; b++) {
          t += BEAT_S * 1000 + Math.floor(rng() * 800);
          beats.push({ at: t, lesson: lesson.slug, session: sessions.length - 1 });
        }
        sessions[sessions.length - 1]!.seconds += count30 * BEAT_S;
        const lastBeat = t;
        t += between(rng, 5, 40) * 1000;
        lessonRows.push({ slug: lesson.slug, hash: lesson.hash, opened, completed: done ? t : null, seconds: count30 * BEAT_S, lastBeat });
        t += between(rng, 30, 240) * 1000;
      }
      closeSession();

      // Policy, then the final test: the first attempt fails; completed learners pass the second.
      type Attempt = { number: number; started: number; submitted: number; drawn: DrawnQuestion[]; correct: number; session: number };
      const attempts: Attempt[] = [];
      let policyAt: number | null = null;
      if (cohort !== "progressing") {
        openSession();
        policyAt = t;
        t += between(rng, 2, 6) * MIN_MS;
        const secondPasses = cohort === "completed";
        for (let a = 1; a <= 2; a++) {
          const started = t;
          t += between(rng, 8, 25) * MIN_MS;
          const total = settings.questions;
          const correct = a === 2 && secondPasses ? Math.ceil(total * 0.8) + Math.floor(rng() * (total - Math.ceil(total * 0.8) + 1)) : 7 + Math.floor(rng() * 5);
          attempts.push({ number: a, started, submitted: t, drawn: drawFinalTest(bank.questions, settings, rng), correct, session: sessions.length - 1 });
          t += between(rng, 3, 15) * MIN_MS;
        }
        closeSession();
      }

      // Shift the history into place.
      const lastEvent = cohort === "completed" ? attempts[1]!.submitted : t;
      let anchor: number;
      if (cohort === "completed") {
        const dayStart = firstCompletionDay + Math.floor(completedIndex / PER_DAY) * DAY_MS;
        completedIndex++;
        // 09:00–15:00 UTC is 10:00–17:00 in Rome all year: the Rome day is the UTC day.
        anchor = dayStart + between(rng, 9, 15) * 3_600_000;
      } else if (cohort === "ready") {
        anchor = utcDay(now - Math.floor(between(rng, 1, 20)) * DAY_MS) + between(rng, 9, 15) * 3_600_000;
      } else {
        anchor = utcDay(now - Math.floor(between(rng, 1, 10)) * DAY_MS) + between(rng, 9, 15) * 3_600_000;
      }
      const shift = anchor - lastEvent;
      const abs = (rel: number) => sec(rel + shift);

      const sessionIds = sessions.map(() => crypto.randomUUID());
      sessions.forEach((ss, k) => {
        const end = ss.end + between(rng, 5, 30) * 1000;
        ins.session.run(sessionIds[k]!, userId, abs(ss.start), abs(ss.end), ss.signedOut ? abs(end) : null, ss.signedOut ? "sign-out" : null, ss.seconds, ss.ip, ss.ua);
      });
      count("auth_sessions", sessions.length);
      ins.privacy.run(userId, privacyVersion, abs(firstSessionStart()) + 30);
      count("privacy_acknowledgements");
      const policyWhen = policyAt ?? (mix ? firstSessionStart() + 60_000 : null);
      if (policyWhen !== null && policyVersion) {
        ins.policy.run(userId, policyVersion, BENCH_COURSE, abs(policyWhen));
        count("policy_acknowledgements");
      }
      for (const r of lessonRows) {
        ins.progress.run(userId, BENCH_COURSE, r.slug, abs(r.opened), r.hash, r.completed === null ? null : abs(r.completed), r.completed === null ? null : r.hash, r.seconds, r.lastBeat === null ? null : abs(r.lastBeat));
      }
      count("lesson_progress", lessonRows.length);
      for (const b of beats) ins.beat.run(userId, sessionIds[b.session]!, BENCH_COURSE, b.lesson, abs(b.at), BEAT_S);
      count("heartbeats", beats.length);
      if (beats.length) {
        ins.clock.run(userId, Math.floor(beats[beats.length - 1]!.at + shift));
        count("learner_clocks");
      }

      let passing: { id: number; score: number } | null = null;
      for (const a of attempts) {
        const { answers, graded } = answerAttempt(a.drawn, a.correct);
        const id = Number(
          ins.attempt.run(
            userId,
            BENCH_COURSE,
            bank.id,
            a.number,
            sessionIds[a.session]!,
            bank.contentHash,
            JSON.stringify(a.drawn),
            abs(a.started),
            abs(a.started) + settings.timeLimitMinutes * 60,
            abs(a.submitted),
            JSON.stringify(answers),
            graded.scorePercent,
            graded.correctCount,
            graded.total,
            graded.passed ? 1 : 0,
            JSON.stringify(graded.perQuestion),
          ).lastInsertRowid,
        );
        if (graded.passed) passing = { id, score: graded.scorePercent };
      }
      count("quiz_attempts", attempts.length);
      if (cohort === "completed") {
        if (!passing) throw new Error("a completed learner's second attempt did not pass: check the pass mark");
        const active = lessonRows.reduce((sum, r) => sum + r.seconds, 0);
        const attendance = Math.floor((active * 1000) / plannedSeconds) / 10;
        const completedAt = abs(attempts[1]!.submitted);
        const completionId = Number(
          ins.completion.run(userId, BENCH_COURSE, course.version, completedAt, active, course.plannedMinutes, attendance, passing.score, passing.id, lessonHashes).lastInsertRowid,
        );
        ins.certificate.run(newCertificateCode(), userId, BENCH_COURSE, completionId, completedAt);
        count("course_completions");
        count("certificates");
      }

      // The open session the benchmark signs in with (a few minutes ago, this device).
      const current = crypto.randomUUID();
      const loginAt = sec(now - between(rng, 1, 10) * MIN_MS);
      ins.session.run(current, userId, loginAt, loginAt, null, null, 0, ip, ua);
      count("auth_sessions");
      const currentLesson = lessonRows[lessonRows.length - 1]?.slug ?? lessons[0]!.slug;
      learners.push({ id: userId, email, firstName, lastName, cohort, sessionId: current, currentLesson, completedLessons: lessonsDone });
      if (extraSessions.length < (opts.extraSessions ?? 0)) {
        const second = crypto.randomUUID();
        ins.session.run(second, userId, loginAt, loginAt, null, null, 0, ip, USER_AGENTS[2]);
        count("auth_sessions");
        extraSessions.push({ userId, email, sessionId: second, lessonSlug: currentLesson });
      }
    }
  });
  write();
  s.pragma("synchronous = NORMAL");
  s.pragma("optimize");
  s.pragma("wal_checkpoint(TRUNCATE)");
  s.close();

  const windowDays = Math.min(10, completionDays);
  return {
    file,
    courseSlug: BENCH_COURSE,
    lessonSlugs: lessons.map((l) => l.slug),
    finalQuizId: bank.id,
    learners,
    admin: admin!,
    extraSessions,
    certificateWindow: {
      from: isoDay(firstCompletionDay),
      to: isoDay(firstCompletionDay + Math.max(0, windowDays - 1) * DAY_MS),
      count: Math.min(completedTotal, windowDays * PER_DAY),
    },
    rows,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Opens the benchmark database from the bench process (for attempts created before the submit run). */
export function openBenchDatabase(file: string): AppDatabase {
  return openDatabase(file, { migrate: false });
}
