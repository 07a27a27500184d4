import { z } from "zod";
import { crossOriginRefusal } from "@/lib/http";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/locales";
import { pathFromReferer, safeLocalPath } from "@/lib/safe-path";

const Input = z.object({ locale: z.enum(LOCALES) });

/**
 * POST /api/locale (form: `locale=it|en`) — remembers the UI language in a cookie (URLs carry
 * no locale) and sends the browser back to the page it came from with a 303, so the next page
 * is a full load in the new language. A route handler, not a server action: a server action's
 * redirect is followed by the client router, which cannot reload the prerendered lesson pages
 * (served by their own route handler), so the switch did nothing there.
 */
export async function POST(req: Request): Promise<Response> {
  // Only this site's own pages may change the language (another site could post the form).
  const refusal = crossOriginRefusal(req);
  if (refusal) return refusal;
  const form = await req.formData().catch(() => null);
  const parsed = Input.safeParse(form ? Object.fromEntries(form) : {});
  const back = safeLocalPath(pathFromReferer(req.headers.get("referer"), req.headers.get("host")));
  if (!parsed.success) return new Response("locale must be it or en", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  const headers = new Headers({ location: back, "cache-control": "no-store" });
  headers.append("set-cookie", `${LOCALE_COOKIE}=${parsed.data.locale}; Path=/; Max-Age=${60 * 60 * 24 * 365}; SameSite=Lax`);
  return new Response(null, { status: 303, headers });
}
