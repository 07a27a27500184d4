import "server-only";
import type { AppDatabase } from "../open";
import { exerciseAttempts, type ExerciseAttempt } from "../schema";

export function insertExerciseAttempt(d: AppDatabase, row: Omit<ExerciseAttempt, "id">): ExerciseAttempt {
  return d.orm.insert(exerciseAttempts).values(row).returning().get();
}
