/** The fixed texts around a lesson, already in the reader's language. */
export interface LessonArticleLabels {
  /** "Lezione 2 di 8". */
  lessonOf: string;
  /** "13 minuti". */
  duration: string;
  /** The notice shown when the English reader gets the Italian file. */
  fallback: string;
  objectives: string;
  sources: string;
  sourceSupports: string;
}
