import type { NextRequest } from "next/server";
import { serveLesson } from "@/lib/lessons/serve";

export const dynamic = "force-dynamic";

/**
 * GET /courses/<course>/<lesson> — a lesson page. The page itself is prerendered under
 * `app/[locale]/(lesson)/…`; this handler decides who may see it and serves the bytes the build
 * wrote (lib/lessons). The proxy does not run for these URLs (see its matcher).
 */
export async function GET(req: NextRequest, ctx: RouteContext<"/courses/[course]/[lesson]">) {
  const { course, lesson } = await ctx.params;
  // Slugs are plain ASCII: anything still percent-encoded is simply not a lesson (404).
  return serveLesson(req, course, lesson);
}
