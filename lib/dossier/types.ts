/**
 * What the funded-training dossier is made from: one plan, its company, its courses with their
 * participants and evidence, and the exports already made. The PDFs (registro FAD, dichiarazione
 * sostitutiva, fascicolo del corso) and the ZIP are pure functions of this value, so the same
 * input always prints the same documents, and its SHA-256 (`dataHash`) identifies what a
 * signed page was made from.
 *
 * It is filled by `readPlanDossier` (lib/dossier/read.ts) from the database (the plan, its
 * company, the register's figures, sessions, attempts, lesson versions, exports) and the content
 * catalog (the courses as published, with the plan's overrides of the completion rule).
 */

/** The funding plan (piano formativo) as printed on every document. */
export type DossierPlan = {
  /** As in the URLs (`/api/admin/plans/<id>/…`). */
  id: string;
  /** The fund's name as printed ("Fondimpresa"; "Non finanziato" for a plan without a fund). */
  fund: string;
  /** False for a plan the company pays itself ("non finanziato"): there is no fund to declare to. */
  funded: boolean;
  /** The fund's call, e.g. "Avviso 2/2024". */
  avviso: string | null;
  title: string;
  protocol: string | null;
  projectTitle: string | null;
  /** Codice unico di progetto. */
  cup: string | null;
  /** `YYYY-MM-DD`, or null when not set. */
  startsOn: string | null;
  endsOn: string | null;
  /** Who signs as training manager (responsabile della formazione). */
  trainingManager: { name: string | null; role: string | null };
  /** Whether presence checks were asked during lessons (false until presence checks are wired: lib/dossier/presence.ts). */
  presenceCheck: boolean;
};

export type DossierCompany = {
  name: string;
  /** Codice fiscale or partita IVA. */
  taxCode: string | null;
  inpsNumber: string | null;
  address: string | null;
  city: string | null;
  legalRepresentative: string | null;
};

export type DossierSource = { title: string; ref: string | null; url: string | null };

export type DossierLesson = {
  number: number;
  slug: string;
  title: string;
  minutes: number;
  objectives: string[];
  sources: DossierSource[];
  /** SHA-256 of the Italian file as published now. */
  contentHash: string;
};

export type DossierFinalTest = {
  questionsPerAttempt: number;
  /** Questions in the final bank (what a draw picks from). */
  bankSize: number;
  /** Minimum questions per risk, as configured. */
  perRisk: Record<string, number>;
  maxAttempts: number;
  timeLimitMinutes: number;
  waitMinutes: number;
  passMark: number;
  partialCredit: boolean;
};

export type DossierCompletionRule = {
  forcedSequence: boolean;
  attendanceThreshold: number;
  finalTestRequired: boolean;
  passMark: number;
  requirePolicyAck: boolean;
};

export type DossierCourse = {
  slug: string;
  title: string;
  version: string;
  plannedMinutes: number;
  deliveryMode: string;
  objectives: string[];
  lessons: DossierLesson[];
  finalTest: DossierFinalTest | null;
  completionRule: DossierCompletionRule;
};

export type DossierSessionEnd = "sign-out" | "expired" | "deactivated" | "inferred" | "open";

export type DossierSession = {
  id: string;
  loginAt: Date;
  /** Null while the session is still open. */
  logoutAt: Date | null;
  endKind: DossierSessionEnd;
  activeSeconds: number;
  /** Numbers of the lessons opened or credited in the session, in order. */
  lessons: number[];
};

export type DossierAttempt = {
  number: number;
  startedAt: Date;
  submittedAt: Date | null;
  scorePercent: number | null;
  passed: boolean | null;
};

export type DossierPresenceCheck = {
  askedAt: Date;
  lessonNumber: number | null;
  answeredAt: Date | null;
  correct: boolean | null;
  /** Seconds between the question and the answer; null when unanswered. */
  delaySeconds: number | null;
};

/** A lesson version the learner opened or completed. */
export type DossierLessonVersion = { lessonNumber: number; lessonSlug: string; openedHash: string; completedHash: string | null };

export type DossierParticipantStatus = "non-iniziato" | "in-corso" | "formato" | "non-formato";

/**
 * One participation: a person's cycle of a course under the plan (one per person, until a
 * recertification campaign opens a second cycle in the same plan) — the register's row.
 */
export type DossierParticipant = {
  userId: number;
  /** 1, then one more per recertification. */
  cycle: number;
  lastName: string;
  firstName: string;
  fiscalCode: string | null;
  email: string;
  department: string | null;
  status: DossierParticipantStatus;
  activeSeconds: number;
  attendancePercent: number;
  firstAccess: Date | null;
  lastAccess: Date | null;
  completedAt: Date | null;
  finalScore: number | null;
  attempts: DossierAttempt[];
  certificate: { code: string; revoked: boolean } | null;
  sessions: DossierSession[];
  presenceChecks: DossierPresenceCheck[];
  lessonVersions: DossierLessonVersion[];
  /** The lesson hashes frozen in the completion record, by lesson slug. */
  completionLessonHashes: Record<string, string> | null;
};

export type DossierCourseSection = { course: DossierCourse; participants: DossierParticipant[] };

/** An export recorded in the audit trail (`admin.export`). */
export type DossierExport = {
  at: Date;
  auditId: number;
  /** "Cognome Nome" of who downloaded it. */
  actor: string | null;
  /** What was exported, in words ("Registro dei partecipanti — Corso X"). */
  subject: string;
  format: string;
  rows: number | null;
  sha256: string | null;
  complete: boolean;
};

export type PlanDossierInput = {
  plan: DossierPlan;
  company: DossierCompany;
  courses: DossierCourseSection[];
  exports: DossierExport[];
  /** The audit chain's head when the data was read: an anchor printed on the documents. */
  auditHead: { id: number; hash: string } | null;
  /** When the documents are generated (printed; not part of the data hash). */
  generatedAt: Date;
};
