import http from "node:http";

/**
 * POSTs `bytes` of filler to `url`, either declaring the length or streaming it chunked (no
 * Content-Length), and resolves with the answer. The server may answer and close before the
 * whole body is sent: that is what a body limit does, so a broken pipe after the answer is fine.
 */
export function sendBody(
  url: string,
  bytes: number,
  opts: { chunked: boolean; headers?: Record<string, string> },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(
      url,
      {
        method: "POST",
        agent: false,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          ...(opts.chunked ? { "transfer-encoding": "chunked" } : { "content-length": String(bytes) }),
          ...opts.headers,
        },
      },
      (res) => {
        answered = true;
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        res.on("error", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", (e: NodeJS.ErrnoException) => {
      if (!answered && e.code !== "EPIPE") reject(e);
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (sent < bytes && !req.destroyed) {
        const n = Math.min(chunk.length, bytes - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void req.once("drain", pump);
      }
      if (!req.destroyed) req.end();
    };
    pump();
  });
}
