import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";
import { httpOrigin } from "@/lib/http-origin";

/** Header that lets this server fetch its own prerendered pages under their `/<locale>/…` path. */
export const PRERENDER_HEADER = "x-binomio-prerender";

let token: Buffer | undefined;

/** The header's value: derived from AUTH_SECRET, so only this server can compute it. */
function prerenderToken(): Buffer {
  return (token ??= createHmac("sha256", authSecret()).update("binomio:prerendered-page").digest());
}

/** Is this request the server fetching its own prerendered page? (The proxy lets it through.) */
export function isPrerenderFetch(headers: Headers): boolean {
  const value = headers.get(PRERENDER_HEADER);
  if (!value) return false;
  const given = Buffer.from(value, "base64url");
  const expected = prerenderToken();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type PrerenderedPage = { status: number; html: Uint8Array<ArrayBuffer>; etag: string };

type Store = { pages: Map<string, Promise<PrerenderedPage>>; fetches: number };
// One store per process, whatever bundle imports this module.
const store: Store = ((globalThis as { __binomioPrerendered?: Store }).__binomioPrerendered ??= { pages: new Map(), fetches: 0 });

/**
 * A page Next prerendered at build time (`/<locale><path>`), held in memory.
 *
 * Lesson pages are the same bytes for every learner; serving them from a route handler after
 * the session and enrolment checks costs about a no-op authenticated answer, where running the
 * proxy and then Next's static-page pipeline cost twice that (README "Performance"). The
 * bytes come from this server itself, once per page and locale per process, so they are
 * exactly what Next would have served — built pages never change while the server runs.
 */
export function prerenderedPage(locale: string, pagePath: string, origin: string): Promise<PrerenderedPage> {
  const key = `${locale}${pagePath}`;
  let page = store.pages.get(key);
  if (!page) {
    page = load(`${origin}/${key}`);
    store.pages.set(key, page);
    // A failed fetch (server still starting) must not be remembered.
    page.catch(() => store.pages.delete(key));
  }
  return page;
}

async function load(url: string): Promise<PrerenderedPage> {
  store.fetches += 1;
  const get = () => fetch(url, { headers: { [PRERENDER_HEADER]: prerenderToken().toString("base64url") }, redirect: "manual", cache: "no-store" });
  // Once more on a network error: on a loaded machine fetch may reuse a kept-alive connection the
  // server has just closed (ECONNRESET), and the learner would get a 500 for a page that exists.
  const res = await get().catch(get);
  if (res.status >= 300 && res.status < 400) throw new Error(`prerendered page ${url} redirected (${res.status})`);
  if (res.status >= 500) throw new Error(`prerendered page ${url} answered ${res.status}`);
  const html = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, html, etag: `"${createHash("sha256").update(html).digest("base64url").slice(0, 27)}"` };
}

/** How many pages were fetched from the server itself (the benchmark shows none are fetched under load). */
export function prerenderedFetches(): number {
  return store.fetches;
}

/**
 * The origin this server can reach itself on: the bind address scripts/runtime.ts exports
 * (HOST/PORT), else the request's own origin (`next dev`).
 */
export function selfOrigin(requestUrl: string): string {
  const host = process.env.HOST;
  const port = process.env.PORT;
  if (!host || !port) return new URL(requestUrl).origin;
  // A wildcard bind address is not one to connect to: its loopback is.
  return httpOrigin(host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host, port);
}
