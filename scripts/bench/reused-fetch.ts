/**
 * GET that survives the benchmark's idle gaps. A pooled keep-alive connection left idle longer
 * than Node's 5 s keepAliveTimeout (a content:check run, a certificate batch) can be closed by
 * the server just as fetch reuses it: undici then fails with "other side closed". A GET changes
 * nothing, so it is sent once more, on a fresh connection. `onRetry` lets a timed caller restart
 * its clock.
 */
export async function fetchGet(url: string, init: { headers?: Record<string, string>; timeoutMs: number }, onRetry?: () => void): Promise<Response> {
  const once = () => fetch(url, { headers: init.headers, signal: AbortSignal.timeout(init.timeoutMs) });
  try {
    return await once();
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    onRetry?.();
    return once();
  }
}
