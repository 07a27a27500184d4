import { NextResponse, type NextRequest } from "next/server";
import { endSession } from "@/lib/auth/end-session";
import { crossOriginRefusal } from "@/lib/http";

/**
 * POST /api/sign-out — the "Esci" button of the prerendered pages (lessons, course pages).
 * Their URLs are served by route handlers, which cannot receive a server action, so their
 * header posts a plain form here. Refused from another site; answered 303 to the sign-in page.
 */
export async function POST(req: NextRequest) {
  const refused = crossOriginRefusal(req);
  if (refused) return refused;
  const target = await endSession();
  return new NextResponse(null, { status: 303, headers: { location: target, "cache-control": "no-store" } });
}
