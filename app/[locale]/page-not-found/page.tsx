import { notFound } from "next/navigation";

/**
 * GET /page-not-found — the localised 404, prerendered with its status: the page the lesson
 * route (lib/lessons/serve.ts) shows for a lesson the learner has not got (unknown, draft, not enrolled).
 */
export default function PageNotFound() {
  notFound();
}

/** Prerendered or the build fails: the lesson route reads this page from the build. */
export const dynamic = "error";
