import { NextResponse } from "next/server";
import { groupCommitStats } from "@/db/group-commit";
import { getCurrentUser } from "@/lib/auth/session";
import { readJson } from "@/lib/http";
import { prerenderedReads } from "@/lib/lessons/prerendered";
import { directRoutesServed } from "@/lib/runtime/direct-routes";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

/**
 * GET /api/bench/noop — the ceiling of any authenticated answer for `npm run bench`: the
 * session check every authenticated route runs (`getCurrentUser`: memoised JWT + one prepared
 * statement), then `{ok: true}`. With `?stats=1` it returns the MDX compile counters (so the
 * benchmark can show no lesson was compiled under load) and the process's memory usage.
 *
 * Exists only when the server runs with BINOMIO_BENCH=1 (the benchmark sets it): 404 otherwise.
 */
export async function GET(req: Request) {
  if (env().BINOMIO_BENCH !== "1") return NextResponse.json({ error: "not_found" }, { status: 404 });
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "unauthorized", message: "Sign in first." }, { status: 401 });
  if (new URL(req.url).searchParams.has("stats")) {
    // Loaded only when asked: importing the compiler (mdx-bundler) would weigh on the server's RSS.
    const { compileStats } = await import("@/lib/content/compile");
    return NextResponse.json({ ok: true, pid: process.pid, compile: compileStats(), prerenderedReads: prerenderedReads(), directRoutesServed: directRoutesServed(), groupCommit: groupCommitStats(), memory: process.memoryUsage() });
  }
  return NextResponse.json({ ok: true });
}

/**
 * POST /api/bench/noop — the ceiling of any authenticated write: the session check, then the
 * JSON body read and parsed as the quiz submit reads it, then `{ok: true}`. Bench only, like GET.
 */
export async function POST(req: Request) {
  if (env().BINOMIO_BENCH !== "1") return NextResponse.json({ error: "not_found" }, { status: 404 });
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "unauthorized", message: "Sign in first." }, { status: 401 });
  const body = await readJson(req, 64 * 1024);
  if (!body.ok) return body.response;
  return NextResponse.json({ ok: true });
}
