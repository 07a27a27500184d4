/**
 * What a package carries for its runtime (`course.js`, obfuscated): the course's rules, the
 * lessons' order, the quizzes with their salted answer keys, and the runtime's texts. Types
 * only: the exporter builds it (`course-data.ts`), the runtime reads it.
 */
import type { FinalTestSettings, QuestionType, RiskTag } from "@/lib/quiz/types";
import type { ContentLocale } from "@/lib/content/names";
import type { LmsFormat } from "./formats";

export interface PackageOption {
  id: string;
  text: string;
  feedback?: string;
}

export interface PackageQuestion {
  id: string;
  type: QuestionType;
  risk: RiskTag;
  /** The lesson that teaches the point (shown in the review). */
  lesson: string;
  prompt: string;
  /** The scenario and its mock post, rendered with the site's components. */
  scenarioHtml?: string;
  /** In the order the trainer wrote them; each attempt shuffles them like Binomio does. */
  options: PackageOption[];
  explanation: string;
  /** See `answer-key.ts`. */
  key: string[];
}

export interface PackageQuiz {
  id: string;
  title: string;
  questions: PackageQuestion[];
}

export interface PackageData {
  format: LmsFormat;
  locale: ContentLocale;
  /** Salt of the answer keys. */
  salt: string;
  course: {
    slug: string;
    title: string;
    version: string;
    plannedMinutes: number;
    /** IRI of the course (cmi5 course id; also the base of interaction ids). */
    iri: string;
  };
  rules: { forcedSequence: boolean; attendanceThreshold: number; passMark: number; requirePolicyAck: boolean };
  /** Published lessons in course order. */
  lessons: { slug: string; title: string }[];
  /** Lesson checks by the lesson they follow. */
  checks: Record<string, PackageQuiz>;
  final: { quiz: PackageQuiz; settings: FinalTestSettings } | null;
  policy: { version: string; title: string } | null;
  /** Heartbeat period and idle limit, the same as Binomio's lesson page. */
  activity: { heartbeatMs: number; idleMs: number };
  /** The runtime's texts in the package's language (`lib/i18n/messages/lms.<locale>.json`, "package"). */
  messages: Record<string, string>;
}

/** The global `course.js` assigns: `[seed, obfuscated PackageData]`. */
export const PACKAGE_DATA_GLOBAL = "__BINOMIO_PACKAGE__";
