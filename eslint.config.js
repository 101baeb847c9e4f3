// Lint: typescript-eslint with type information, and the import boundaries of docs/architecture.md §2.
// `npm run lint`; runs in `npm test` (scripts/test.ts) before vitest, and thus in CI.
import { readFileSync, readdirSync } from "node:fs";
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** The tables of each context: every `export const x = pgTable(...)` in db/schema/<context>.ts. */
const CONTEXTS = readdirSync("db/schema")
  .filter((f) => f.endsWith(".ts") && f !== "index.ts")
  .map((f) => f.slice(0, -3));
const TABLES = Object.fromEntries(CONTEXTS.map((c) => [c, [...readFileSync(`db/schema/${c}.ts`, "utf8").matchAll(/^export const (\w+) = pgTable\(/gm)].map((m) => m[1])]));
const SCHEMA = ["**/db/schema", "**/db/schema/*"];

/**
 * A module of context `ctx` may import its own tables (and any type) from db/schema, no other context's tables:
 * it reads another context through that context's directory.server.ts (read functions and read-only join
 * helpers). No exceptions (docs/decisions/017-cross-context-reads.md).
 */
function boundaryRule(ctx) {
  const foreign = CONTEXTS.filter((c) => c !== ctx).flatMap((c) => TABLES[c]);
  return [
    "error",
    {
      patterns: [
        {
          group: SCHEMA,
          importNames: foreign,
          allowTypeImports: true,
          message: `A module reads another context only through that context's exported functions (docs/architecture.md §2, decision 017).`,
        },
      ],
    },
  ];
}

// Contexts whose module folder is named like its schema file; platform/ and others have no tables of their own.
const moduleConfigs = readdirSync("app/modules").map((ctx) => ({
  files: [`app/modules/${ctx}/**/*.{ts,tsx}`],
  rules: { "@typescript-eslint/no-restricted-imports": boundaryRule(ctx) },
}));

export default tseslint.config(
  { ignores: ["build/", "public/build/", "node_modules/", ".cache/", ".data/", "db/migrations/", "coverage/", "test-results/", "playwright-report/", "**/*.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Type-aware: a promise nobody awaits loses its error (a write outside its transaction, an unlogged failure).
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      // Unused names are an error, except a deliberately ignored `_` binding.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // TypeScript checks undefined names itself (and knows DOM and Node globals).
      "no-undef": "off",
      // Off on purpose: every control character in a pattern here is deliberate — the search snippet
      // markers \u0002/\u0003 (ts_headline), and stripping or refusing control characters in mail,
      // redirect targets and log text. The rule would only ask for a disable comment at each of them.
      "no-control-regex": "off",
      // serve.ts declares what its shutdown handler stops before starting it (read before assigned).
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
    },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
  // Routes import modules, components and utils, never the database (docs/architecture.md §4).
  {
    files: ["app/routes/**/*.{ts,tsx}", "app/components/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/db/**", "~/utils/db.server", "**/utils/db.server"],
              allowTypeImports: true,
              message: "Routes and components never touch the database: call a module function (docs/architecture.md §4).",
            },
          ],
        },
      ],
    },
  },
  ...moduleConfigs,
  // Case events are written by appendCaseEvent (app/modules/cases/events.server.ts) alone, with a typed
  // `CaseEvent`; the insights volume generator writes millions of rows set-based, in the same format.
  {
    files: ["app/**/*.{ts,tsx}", "seeds/**/*.ts", "scripts/**/*.ts"],
    ignores: ["app/modules/cases/events.server.ts", "app/modules/insights/volume.server.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='insert'][arguments.0.name='caseEvents']",
          message: "Append case events with appendCaseEvent(tx, event) from ~/modules/cases/events.server (a typed CaseEvent).",
        },
        {
          selector: "TemplateElement[value.raw=/insert\\s+into\\s+case_events/i]",
          message: "Append case events with appendCaseEvent(tx, event) from ~/modules/cases/events.server (a typed CaseEvent).",
        },
      ],
    },
  },
);
