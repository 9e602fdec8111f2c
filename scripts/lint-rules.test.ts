// Proves the import-direction rules in eslint.config.mjs can fail: each snippet is linted as if it lived at
// the given path, and the rule must fire (or stay quiet for the allowed direction).
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "..") });
});

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "@typescript-eslint/no-restricted-imports")
    .map((m) => m.message);
}

const use = (name: string) => `\nexport const used = ${name};\n`;

describe("import direction (STYLE.md: app → trpc/api → server → db)", () => {
  it.each([
    ["src/server/calls/create-call.ts", `import { appRouter } from "@/trpc/routers/_app";${use("appRouter")}`],
    ["src/server/calls/create-call.ts", `import { inngest } from "@/jobs/client";${use("inngest")}`],
    ["src/server/calls/create-call.ts", `import { inngest } from "../../jobs/client";${use("inngest")}`],
    ["src/server/calls/create-call.ts", `import Page from "@/app/page";${use("Page")}`],
    ["src/server/calls/create-call.ts", `import { Button } from "@/components/ui/button";${use("Button")}`],
    ["src/server/calls/create-call.ts", `import { connect } from "../../../worker/esl/connection";${use("connect")}`],
    ["src/components/portal/calls-table.tsx", `import { db } from "@/server/db";${use("db")}`],
    ["src/components/portal/calls-table.tsx", `import type { Actor } from "@/server/tenancy";\nexport type A = Actor;\n`],
    ["src/components/portal/calls-table.tsx", `import type { Tenant } from "@/generated/prisma/client";\nexport type T = Tenant;\n`],
    ["src/components/portal/calls-table.tsx", `import { Pool } from "pg";${use("Pool")}`],
    ["src/components/portal/calls-table.tsx", `import { appRouter } from "@/trpc/routers/_app";${use("appRouter")}`],
    ["src/trpc/routers/calls.ts", `import Page from "@/app/page";${use("Page")}`],
    ["src/trpc/routers/calls.ts", `import { inngest } from "@/jobs/client";${use("inngest")}`],
    ["src/app/api/v1/calls/route.ts", `import { run } from "../../../../../worker/main";${use("run")}`],
    ["src/jobs/functions/webhooks/deliver-webhook.ts", `import { appRouter } from "@/trpc/routers/_app";${use("appRouter")}`],
    ["worker/acd/assign-call.ts", `import { appRouter } from "../../src/trpc/routers/_app";${use("appRouter")}`],
  ])("%s may not: %s", async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).not.toEqual([]);
  });

  it.each([
    ["src/trpc/routers/calls.ts", `import { db } from "@/server/db";${use("db")}`],
    ["src/app/api/v1/calls/route.ts", `import { appRouter } from "@/trpc/routers/_app";${use("appRouter")}`],
    ["src/components/portal/calls-table.tsx", `import type { AppRouter } from "@/trpc/routers/_app";\nexport type R = AppRouter;\n`],
    ["src/components/portal/calls-table.tsx", `import { useTRPC } from "@/trpc/react";${use("useTRPC")}`],
    ["src/jobs/functions/webhooks/deliver-webhook.ts", `import { db } from "@/server/db";${use("db")}`],
    ["worker/acd/assign-call.ts", `import { db } from "../../src/server/db";${use("db")}`],
  ])("%s may: %s", async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toEqual([]);
  });
});
