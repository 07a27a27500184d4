import { PassThrough, Readable } from "node:stream";

/**
 * A response body written by `fill` in the background: the Node stream it writes, and whether
 * the client has gone. Whatever `fill` lets escape (a throw before its own error handling, a
 * failure inside it) ends the download with that error instead of becoming an unhandled
 * rejection, which would take the whole server process down.
 */
export function backgroundStream(what: string, fill: (out: PassThrough, isClosed: () => boolean) => Promise<void>): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  let closed = false;
  out.on("close", () => {
    closed = true;
  });
  let started: Promise<void>;
  try {
    started = fill(out, () => closed);
  } catch (e) {
    started = Promise.reject(e);
  }
  started.catch((e: unknown) => {
    console.error(`Binomio: ${what} stopped:`, e);
    if (!closed) out.destroy(e instanceof Error ? e : new Error(String(e)));
  });
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
