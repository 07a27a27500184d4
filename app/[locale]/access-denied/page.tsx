import { forbidden } from "next/navigation";

/**
 * GET /access-denied — the localised 403, prerendered with its status: the page the lesson
 * route (lib/lessons/serve.ts) shows a signed-in user who may not learn.
 */
export default function AccessDenied() {
  forbidden();
}

/** Prerendered or the build fails: the lesson route reads this page from the build. */
export const dynamic = "error";
