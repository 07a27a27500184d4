import fs from "node:fs";
import { Readable } from "node:stream";
import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { resolveCourseAsset } from "@/lib/content/assets";

/**
 * GET /api/content/<course>/assets/<file> — images and attachments beside the lessons,
 * for signed-in users only (lesson material is not public). Names are checked by
 * `resolveCourseAsset`, which never leaves the course folder; types come from a fixed list.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ course: string; file: string }> }) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "unauthorized", message: "Sign in first." }, { status: 401 });
  const { course, file } = await params;
  const asset = resolveCourseAsset(course, file);
  if (!asset) return NextResponse.json({ error: "not_found", message: "No such file." }, { status: 404 });
  const stream = Readable.toWeb(fs.createReadStream(asset.absPath)) as ReadableStream;
  return new Response(stream, {
    headers: {
      "content-type": asset.contentType,
      "cache-control": "private, max-age=3600",
      "x-content-type-options": "nosniff",
      "content-disposition": asset.contentType === "application/pdf" ? `attachment; filename="${file}"` : "inline",
    },
  });
}
