import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "src") } },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts", "worker/**/*.test.ts", "scripts/**/*.test.ts", "freeswitch/**/*.test.ts"],
    // The real-switch suite has its own runner (vitest.real-switch.config.ts): it needs the switch and a build.
    exclude: ["freeswitch/real-switch/**", "**/node_modules/**"],
    globalSetup: ["src/test/global-setup.ts"],
    setupFiles: ["src/test/setup-database.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: "test", NEXTAUTH_SECRET: "test-secret-test-secret-test-secret", APP_ENCRYPTION_KEY: "dGVzdC1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcy0hISE=", CALLER_ID_VERIFICATION_FROM: "+18005550100" },
  },
});
