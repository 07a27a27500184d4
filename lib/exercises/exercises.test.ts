import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateYaml } from "@/lib/content/yaml-validate";
import { gradeExercise } from "./grade";
import { exerciseReview, publicExercise } from "./public-view";
import { ExerciseFileSchema, isExerciseText, type Exercise } from "./schema";

const DIR = path.join(process.cwd(), "content", "courses", "lavoro-e-social-media", "quizzes");

function load(name: string): Exercise {
  const text = fs.readFileSync(path.join(DIR, `${name}.yaml`), "utf8");
  const r = validateYaml(text, ExerciseFileSchema, { file: name });
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.line}: ${p.message}`).join("; "));
  return { ...r.data, id: name, courseSlug: "lavoro-e-social-media", file: name, contentHash: "h" };
}

describe("exercise files", () => {
  it("tells exercise files from quiz files by their kind line", () => {
    expect(isExerciseText("# x\nkind: spot-the-risk\n")).toBe(true);
    expect(isExerciseText('kind: "rewrite" # note\n')).toBe(true);
    expect(isExerciseText("kind: lesson-check\n")).toBe(false);
  });

  it("reports broken exercises at their line: no risky hotspot, two safe wordings, a missing text", () => {
    const spot = [
      "kind: spot-the-risk",
      "title: { it: T }",
      "risk: privacy",
      "lesson: l",
      "prompt: { it: P }",
      "post: { author: A, audience: { it: Pubblico }, text: { it: Testo } }",
      "hotspots:",
      "  - { id: a, place: photo, label: { it: A }, risky: false, explanation: { it: E } }",
      "  - { id: b, place: sky, label: { it: B }, risky: false, explanation: { it: E } }",
      "  - { id: c, place: text, risky: false, explanation: { it: E } }",
    ].join("\n");
    const r = validateYaml(spot, ExerciseFileSchema, { file: "x.yaml" });
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      "9: hotspots[1].place: must be one of: photo, text, place, meta",
      "10: hotspots[2].label: is required",
    ]);
    const rewrite = [
      "kind: rewrite",
      "title: { it: T }",
      "risk: reputation",
      "lesson: l",
      "intro: { it: I }",
      "author: A",
      "audience: { it: Amici }",
      "paragraphs:",
      "  - id: p1",
      "    draft: { it: D }",
      "    choices:",
      "      - { id: a, text: { it: A }, safe: true, feedback: { it: F } }",
      "      - { id: b, text: { it: B }, safe: true, feedback: { it: F } }",
      "      - { id: c, text: { it: C }, feedback: { it: F } }",
    ].join("\n");
    const w = validateYaml(rewrite, ExerciseFileSchema, { file: "y.yaml" });
    expect(w.ok).toBe(false);
    expect(w.problems.map((p) => `${p.line}: ${p.message}`)).toEqual(["11: paragraphs[0].choices: 2 choices are `safe: true`; exactly one must be"]);
  });
});

describe("grading and the two views", () => {
  const spot = load("es-selfie-ufficio") as Extract<Exercise, { kind: "spot-the-risk" }>;
  const rewrite = load("es-riscrivi-cliente") as Extract<Exercise, { kind: "rewrite" }>;

  it("spot-the-risk: found minus false alarms over the risky details, never below 0", () => {
    // Risky: badge, lavagna, luogo (3). Harmless: tazza, testo, pianta.
    expect(gradeExercise(spot, { selected: ["badge", "lavagna", "luogo"] }).score).toBe(1);
    expect(gradeExercise(spot, { selected: ["badge", "tazza"] }).score).toBe(0);
    expect(gradeExercise(spot, { selected: spot.hotspots.map((h) => h.id) }).score).toBe(0);
    const g = gradeExercise(spot, { selected: ["badge", "pianta"] });
    expect(g.score).toBeCloseTo(0);
    expect(g.items.find((i) => i.itemId === "badge")).toEqual({ itemId: "badge", correct: true, selected: ["marked"] });
    expect(g.items.find((i) => i.itemId === "lavagna")).toEqual({ itemId: "lavagna", correct: false, selected: ["unmarked"] });
    expect(g.items.find((i) => i.itemId === "pianta")).toEqual({ itemId: "pianta", correct: false, selected: ["marked"] });
  });

  it("rewrite: safe choices over paragraphs", () => {
    expect(gradeExercise(rewrite, { choices: { sfogo: "b", azienda: "a" } }).score).toBe(1);
    const half = gradeExercise(rewrite, { choices: { sfogo: "a", azienda: "a" } });
    expect(half.score).toBe(0.5);
    expect(half.items).toEqual([
      { itemId: "sfogo", correct: false, selected: ["a"] },
      { itemId: "azienda", correct: true, selected: ["a"] },
    ]);
  });

  it("the public view carries no answer, no explanation and no feedback; the review does", () => {
    for (const e of [spot, rewrite]) {
      const json = JSON.stringify(publicExercise(e, "it"));
      expect(json).not.toMatch(/risky|safe|explanation|feedback/);
      const secrets = e.kind === "spot-the-risk" ? e.hotspots.map((h) => h.explanation.it) : e.paragraphs.flatMap((p) => p.choices.map((c) => c.feedback.it));
      for (const s of secrets) expect(json).not.toContain(s);
    }
    const review = exerciseReview(spot, gradeExercise(spot, { selected: ["badge"] }), "en");
    expect(review.items.find((i) => i.itemId === "lavagna")).toEqual({
      itemId: "lavagna",
      correct: false,
      chosen: "unmarked",
      answer: true,
      explanation: spot.hotspots.find((h) => h.id === "lavagna")!.explanation.en,
    });
    const r = exerciseReview(rewrite, gradeExercise(rewrite, { choices: { sfogo: "c", azienda: "a" } }), "it");
    expect(r.items[0]).toMatchObject({ correct: false, chosen: "c", answer: "b", explanation: rewrite.paragraphs[0]!.choices[2]!.feedback.it });
  });
});
