import type { NextRequest } from "next/server";
import { serveCoursePage } from "@/lib/course-page/serve";

export const dynamic = "force-dynamic";

/**
 * GET /courses/<course> — a learner's course page: checked and filled in per request from a
 * frame the build prerendered (lib/course-page). The proxy does not run for these URLs (see its
 * matcher).
 */
export async function GET(req: NextRequest, ctx: RouteContext<"/courses/[course]">) {
  const { course } = await ctx.params;
  return serveCoursePage(req, course);
}
