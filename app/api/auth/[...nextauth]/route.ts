import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { withSsoRefusals } from "@/lib/sso/callback-refusals";

/** Auth.js; the company providers' callbacks record their refusals (lib/sso/callback-refusals.ts). */
export const GET = (request: NextRequest) => withSsoRefusals(request, (r) => handlers.GET(r as NextRequest));
export const POST = (request: NextRequest) => withSsoRefusals(request, (r) => handlers.POST(r as NextRequest));
