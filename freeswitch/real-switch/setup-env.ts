// Before each real-switch test file: the test process talks to the stack's database with the stack's secrets
// (set before any src/ module reads src/env.ts).
import { inject } from "vitest";

const info = inject("realSwitch");
if (info) {
  Object.assign(process.env, {
    DATABASE_URL: info.databaseUrl,
    ...info.secrets,
    SIP_DOMAIN: info.sipDomain,
    WEBHOOK_ALLOW_PRIVATE_HOSTS: "127.0.0.1,localhost",
    RECORDINGS_DIR: info.recordingsDir,
    FREESWITCH_RECORDINGS_DIR: info.switchRecordingsDir,
  });
}

// A failed test prints the stack's logs of its time window (failure-logs.ts).
if (info) {
  const { afterEach, beforeEach } = await import("vitest");
  const { failureLogs } = await import("./failure-logs");
  let startedAt = new Date();
  beforeEach(() => {
    startedAt = new Date();
  });
  afterEach((ctx) => {
    if (ctx.task.result?.state === "fail") console.error(`\n[${ctx.task.name}] failed; the stack's logs:\n${failureLogs(info.workDir, startedAt)}\n`);
  });
}
