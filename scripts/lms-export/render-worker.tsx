/**
 * The render worker (see `lib/lms-export/render-protocol.ts`): reads a RenderRequest as JSON on stdin, renders the
 * launch page and the quiz scenarios with the site's own components through
 * `react-dom/server`, bundles the browser runtime with esbuild, and writes a RenderResponse as
 * JSON on stdout. Started by `lib/lms-export/render.ts` with tsx; never imported by the app.
 */
/* eslint-disable @next/next/no-head-element, @next/next/no-css-tags -- a standalone page inside an LMS package, not a Next page */
import path from "node:path";
import { build, type Plugin } from "esbuild";
import { renderToStaticMarkup } from "react-dom/server";
import { LessonArticle } from "@/components/course/lesson-article";
import { QuestionScenario } from "@/components/quiz/question-scenario";
import type { RenderRequest, RenderResponse } from "@/lib/lms-export/render-protocol";

/** The browser runtime the package ships (bundled below). */
const RUNTIME_DIR = path.join(__dirname, "..", "..", "lib", "lms-export", "runtime");

function PackagePage({ req }: { req: RenderRequest }) {
  return (
    <html lang={req.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{req.title}</title>
        <link rel="stylesheet" href="binomio.css" />
      </head>
      <body className="pkg">
        <a className="skip-link" href="#main">
          {req.labels.skipToContent}
        </a>
        <header className="pkg-header">
          <span className="pkg-header__title">{req.title}</span>
          <button type="button" id="pkg-exit" className="button button--secondary" hidden>
            {req.labels.exit}
          </button>
        </header>
        <main id="main" className="lesson-page pkg-main" tabIndex={-1}>
          <noscript>
            <p className="alert alert--error">{req.labels.noScript}</p>
          </noscript>
          <div id="pkg-notice" role="status" aria-live="polite"></div>
          <div id="pkg-app">
            <p className="muted">{req.labels.loading}</p>
          </div>
          {req.lessons.map((l) => (
            <section key={l.slug} className="pkg-lesson" id={`lesson-${l.slug}`} data-lesson={l.slug} hidden>
              <LessonArticle code={l.code} frontmatter={l.frontmatter} locale={l.locale} courseSlug={req.courseSlug} fallback={l.fallback} labels={l.labels} />
            </section>
          ))}
          {req.policy ? (
            <section className="pkg-policy" id="pkg-policy" hidden>
              <h1>{req.policy.title}</h1>
              <p className="muted">{req.labels.policyVersion}</p>
              {req.policy.intro.map((p) => (
                <p key={p} className="lesson__summary">
                  {p}
                </p>
              ))}
              {req.policy.sections.map((s) => (
                <section key={s.heading}>
                  <h2>{s.heading}</h2>
                  {s.paragraphs.map((p) => (
                    <p key={p}>{p}</p>
                  ))}
                </section>
              ))}
            </section>
          ) : null}
        </main>
        <script defer src="course.js"></script>
        <script defer src="runtime.js"></script>
      </body>
    </html>
  );
}

/** `node:crypto` in the quiz draw's default random source: the browser's CSPRNG instead. */
const browserCrypto: Plugin = {
  name: "binomio-browser-crypto",
  setup(b) {
    b.onResolve({ filter: /^(node:)?crypto$/ }, () => ({ path: path.join(RUNTIME_DIR, "browser-crypto.ts") }));
  },
};

async function bundleRuntime(format: RenderRequest["format"]): Promise<string> {
  const result = await build({
    entryPoints: [path.join(RUNTIME_DIR, `entry-${format}.ts`)],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2019",
    minify: true,
    legalComments: "none",
    logLevel: "silent",
    tsconfig: path.join(process.cwd(), "tsconfig.json"),
    plugins: [browserCrypto],
  });
  return result.outputFiles[0]!.text;
}

async function main() {
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const req = JSON.parse(input) as RenderRequest;
  const indexHtml = `<!DOCTYPE html>${renderToStaticMarkup(<PackagePage req={req} />)}`;
  const scenarios: Record<string, string> = {};
  for (const s of req.scenarios) {
    scenarios[s.key] = renderToStaticMarkup(<QuestionScenario scenario={s.scenario} locale={req.locale} label={req.labels.scenario} />);
  }
  const response: RenderResponse = { indexHtml, scenarios, runtimeJs: await bundleRuntime(req.format) };
  process.stdout.write(JSON.stringify(response));
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
