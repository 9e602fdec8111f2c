// The real-switch suite (freeswitch/real-switch/): the product against a real FreeSWITCH 1.10.12 and SIPp.
// One stack for the whole run (global setup), so the files run one after another; tests inside a file may run
// concurrently. Needs the test build (`NEXT_DIST_DIR=.next-e2e npx next build`); `npm test` runs it after the build.
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "src") } },
  test: {
    environment: "node",
    include: ["freeswitch/real-switch/**/*.test.ts"],
    globalSetup: ["freeswitch/real-switch/global-setup.ts"],
    setupFiles: ["freeswitch/real-switch/setup-env.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
    env: { NODE_ENV: "test" },
  },
});
