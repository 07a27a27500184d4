import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The arrows point down: app → components → lib → db. A lower layer never imports a higher one,
// so db/ stays data access only and lib/ stays domain logic a test can call without a page.
// `import/no-restricted-paths` sees both the `@/` alias and relative paths (the TypeScript
// resolver eslint-config-next sets up), so neither spelling slips past.
const layers = {
  "import/no-restricted-paths": [
    "error",
    {
      zones: [
        // lib/env.ts is the one exception: configuration (the database file), validated once, a leaf module.
        { target: "./db", from: "./lib", except: ["./env.ts"], message: "db/ is data access only: pass values in from lib/ instead of importing it." },
        { target: "./db", from: ["./components", "./app"], message: "db/ is data access only: it must not import pages or components." },
        { target: "./lib", from: ["./app", "./components"], message: "lib/ is domain logic: it must not depend on pages or components." },
        { target: "./components", from: "./app", message: "components/ must not import from app/: move what they share into lib/ or components/." },
      ],
    },
  ],
  // A cycle makes module initialisation order matter (undefined at import time) and hides layering.
  "import/no-cycle": ["error", { ignoreExternal: true }],
};

// One transaction idiom, the engine's `write`/`read` (db/engine): a raw `sqlite.transaction(…)` or
// drizzle's `orm.transaction(…)` would start a deferred transaction, bypass the savepoint nesting
// and let other requests' statements land inside it.
const oneTransactionIdiom = {
  files: ["app/**", "components/**", "lib/**", "db/**"],
  ignores: ["db/engine/**"],
  rules: {
    "no-restricted-syntax": [
      "error",
      {
        selector: "CallExpression[callee.property.name='transaction']",
        message: "Use the engine's write (or read) transaction (db/engine): one idiom, the write lock first, savepoints when nested.",
      },
    ],
  },
};

// The data layer is asynchronous (db/engine): a promise nobody awaits is a write that may be
// lost or an error nobody sees. Type-aware, so it reads the TypeScript project.
const everyPromiseAwaited = {
  files: ["**/*.ts", "**/*.tsx"],
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  rules: {
    "@typescript-eslint/no-floating-promises": "error",
    "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: false }],
    "@typescript-eslint/await-thenable": "error",
  },
};

const config = [
  ...nextVitals,
  ...nextTs,
  { rules: layers },
  oneTransactionIdiom,
  everyPromiseAwaited,
  {
    ignores: [".next/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "db/migrations/**", "tests/fixtures/previous-release/**"],
  },
];

export default config;
