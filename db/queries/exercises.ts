import "server-only";
import { orm } from "../engine/orm";
import type { Engine } from "../engine/types";
import { exerciseAttempts, type ExerciseAttempt } from "../schema";

export async function insertExerciseAttempt(d: Engine, row: Omit<ExerciseAttempt, "id">): Promise<ExerciseAttempt> {
  return orm(d).insert(exerciseAttempts).values(row).returning().get() as Promise<ExerciseAttempt>;
}
