// ESLint flat config. No type-aware rules, so `npm run lint` stays a few seconds on two cores.
// The import-direction rules below are the house's shape (../shared/STYLE.md "Layout"): they fail CI,
// and scripts/lint-rules.test.ts proves that each one can fire.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

// Regexes over the import string. Each restricted layer is matched both by alias (`@/jobs/...`) and by a
// relative path that climbs into it (`../../jobs/...`), so the rule cannot be side-stepped by spelling.
const layer = (...names) => `^(@/|(\\.\\./)+)(${names.join("|")})(/|$)`;
const WORKER = "^(\\.\\./)+worker(/|$)";

const restrict = (patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      ".data/**",
      "src/generated/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      "coverage/**",
      "out/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        Buffer: "readonly",
        URL: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // TypeScript already reports undefined names, with the DOM and Node globals it knows.
      "no-undef": "off",
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    plugins: { "@next/next": nextPlugin, "react-hooks": reactHooks },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
      // The two classic hook rules. The React Compiler rules of eslint-plugin-react-hooks 7 are left out:
      // the project does not run the compiler, and they cost a compiler pass per file.
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },

  // ---- Import direction: app → trpc/api → server → db. Nothing in src/ reaches into worker/. ----------
  {
    files: ["src/**/*.{ts,tsx}"],
    rules: restrict([{ regex: WORKER, message: "src/ never imports worker/: the worker imports src/server, not the other way round." }]),
  },
  {
    files: ["src/server/**/*.{ts,tsx}"],
    rules: restrict([
      { regex: layer("trpc", "app", "jobs", "components"), message: "src/server is the bottom layer: it may not import trpc, app, jobs or components." },
      { regex: WORKER, message: "src/ never imports worker/." },
    ]),
  },
  {
    files: ["src/components/**/*.{ts,tsx}"],
    rules: {
      ...restrict([
        { regex: layer("server", "generated"), message: "Components never import server code or Prisma: take data through tRPC (`import type` from @/trpc/routers/_app for types)." },
        { regex: "^(@prisma/|pg$|pino$)", message: "Components never import database or server-only packages." },
        { regex: WORKER, message: "src/ never imports worker/." },
      ]),
      // The routers and procedures run on the server: components take their types, never their values.
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(@/|(\\.\\./)+)trpc/(routers|init|server)(/|$)",
              allowTypeImports: true,
              message: "Components may take only types from tRPC routers (`import type`); use the client helpers in @/trpc/react.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/trpc/**/*.{ts,tsx}"],
    rules: restrict([
      { regex: layer("app", "jobs"), message: "tRPC validates and calls src/server use-cases: it may not import app routes or Inngest jobs." },
      { regex: WORKER, message: "src/ never imports worker/." },
    ]),
  },
  {
    files: ["src/jobs/**/*.{ts,tsx}"],
    rules: restrict([
      { regex: layer("app", "trpc", "components"), message: "Inngest functions call src/server use-cases: they may not import app, trpc or components." },
      { regex: WORKER, message: "src/ never imports worker/." },
    ]),
  },
  {
    files: ["worker/**/*.ts"],
    rules: restrict([
      { regex: "^(@/|(\\.\\./)+src/)(app|trpc|components|jobs)(/|$)", message: "The worker may import src/server use-cases only." },
    ]),
  },
);
