/**
 * Load runs with autocannon's programmatic API: 32 connections on loopback for a fixed
 * duration (or a fixed number of requests when each request consumes something, like a quiz
 * attempt), after a short warm-up that is not measured.
 */
import autocannon from "autocannon";

export type LoadFigures = {
  /** Responses per second over the measured run. */
  rps: number;
  requests: number;
  seconds: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Connection errors and timeouts (no HTTP answer). */
  errors: number;
  timeouts: number;
  /** Answers outside 2xx. */
  non2xx: number;
  ok2xx: number;
  statusCodes: Record<string, number>;
};

export type LoadSpec = {
  url: string;
  connections: number;
  /** Seconds; ignored when `amount` is set. */
  duration?: number;
  amount?: number;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Called for every request: returns what changes (path, headers, body). */
  setup?: () => { path?: string; headers?: Record<string, string>; body?: string };
};

type Result = autocannon.Result & Record<string, unknown>;
type Timed = { result: Result; seconds: number };

function run(spec: LoadSpec): Promise<Timed> {
  const base = new URL(spec.url);
  const opts: autocannon.Options = {
    url: base.origin,
    // autocannon refuses more connections than requests.
    connections: Math.min(spec.connections, spec.amount ?? spec.connections),
    pipelining: 1,
    timeout: 30,
    method: spec.method ?? "GET",
    headers: spec.headers,
    body: spec.body,
    ...(spec.amount !== undefined ? { amount: spec.amount } : { duration: spec.duration ?? 10 }),
    requests: [
      {
        method: spec.method ?? "GET",
        path: base.pathname + base.search,
        ...(spec.setup
          ? {
              setupRequest: (req: autocannon.Request) => {
                const s = spec.setup!();
                return {
                  ...req,
                  ...(s.path !== undefined ? { path: s.path } : {}),
                  ...(s.body !== undefined ? { body: s.body } : {}),
                  headers: { ...req.headers, ...s.headers },
                };
              },
            }
          : {}),
      },
    ],
  };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let lastAnswer = started;
    const instance = autocannon(opts, (err, result) => {
      if (err) return reject(err instanceof Error ? err : new Error(String(err)));
      // autocannon stops an `amount` run on its one-second tick, so its duration is rounded up to
      // whole seconds (a 5.1 s run reads 6 s: 15 % off at 500 req/s); time it to the last answer.
      const seconds = spec.amount !== undefined && lastAnswer > started ? (lastAnswer - started) / 1000 : (result as Result).duration;
      resolve({ result: result as Result, seconds });
    });
    instance.on("response", () => {
      lastAnswer = performance.now();
    });
  });
}

function figures({ result: r, seconds }: Timed): LoadFigures {
  const statusCodes: Record<string, number> = {};
  const stats = (r.statusCodeStats ?? {}) as Record<string, { count: number }>;
  for (const [code, v] of Object.entries(stats)) statusCodes[code] = v.count;
  const completed = r.requests.total;
  const ok2xx = Number(r["2xx"] ?? 0);
  return {
    rps: Math.round((completed / seconds) * 10) / 10,
    requests: completed,
    seconds: Math.round(seconds * 1000) / 1000,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    ok2xx,
    statusCodes,
  };
}

/** A warm-up (not measured), then the measured run. */
export async function measure(spec: LoadSpec, warmupSeconds: number): Promise<LoadFigures> {
  if (warmupSeconds > 0 && spec.amount === undefined) await run({ ...spec, duration: warmupSeconds });
  return figures(await run(spec));
}
