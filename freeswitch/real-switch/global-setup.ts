// Once per real-switch run: installs the FreeSWITCH test build and SIPp (scripts/install-freeswitch.sh), then
// starts the stack (harness/stack.ts) and its control API. In CI (CI=true) a switch that cannot be installed
// fails the run; elsewhere the suite is skipped with a loud message, never silently.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort } from "../../scripts/lib/free-port";
import { serveControl } from "./harness/control";
import { Stack, type StackInfo } from "./harness/stack";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

function installFreeSwitch(): { ok: true } | { ok: false; reason: string } {
  const run = spawnSync("bash", [path.join(ROOT, "scripts/install-freeswitch.sh")], { encoding: "utf8" });
  if (run.status === 0) return { ok: true };
  return { ok: false, reason: `scripts/install-freeswitch.sh exited ${run.status}: ${(run.stderr || run.stdout).trim()}` };
}

export default async function setup(project: TestProject) {
  const installed = installFreeSwitch();
  if (!installed.ok) {
    if (process.env.CI) throw new Error(`real-switch suite: no FreeSWITCH on this CI machine. ${installed.reason}`);
    console.warn(`\n[real-switch] SKIPPING the real-switch suite: ${installed.reason}\n`);
    project.provide("realSwitch", null);
    return;
  }
  const distDir = process.env.NEXT_DIST_DIR ?? ".next-e2e";
  if (!existsSync(path.join(ROOT, distDir, "BUILD_ID"))) {
    throw new Error(`real-switch suite: no build in ${distDir}; run \`NEXT_DIST_DIR=${distDir} npx next build\` first (npm test does)`);
  }
  const stack = new Stack();
  try {
    await stack.start({ distDir });
  } catch (err) {
    await stack.stop().catch(() => undefined);
    throw err;
  }
  const controlPort = await freePort();
  const control = await serveControl(stack, controlPort);
  const info: StackInfo = { ...stack.info, controlUrl: `http://127.0.0.1:${controlPort}` };
  console.log(`[real-switch] FreeSWITCH, app and worker up; logs in ${path.relative(ROOT, info.workDir)}`);
  project.provide("realSwitch", info);
  return async () => {
    control.closeAllConnections();
    await new Promise((resolve) => control.close(resolve));
    await stack.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    realSwitch: StackInfo | null;
  }
}
