import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_SERVER_NODE_FLAGS, LaunchError, nextSpec, prepareSecrets, serverNodeFlags } from "./runtime";

const NAMES = ["NEXTAUTH_SECRET", "APP_ENCRYPTION_KEY"] as const;
let saved: Record<string, string | undefined>;
let secretsFile: string;

beforeEach(() => {
  saved = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));
  for (const n of NAMES) delete process.env[n];
  secretsFile = path.join(mkdtempSync(path.join(tmpdir(), "irisx-secrets-")), "secrets.json");
  vi.spyOn(console, "log").mockImplementation(() => undefined);
});

afterEach(() => {
  for (const n of NAMES) {
    if (saved[n] === undefined) delete process.env[n];
    else process.env[n] = saved[n];
  }
  vi.restoreAllMocks();
});

describe("prepareSecrets", () => {
  it("generates local secrets once and reuses them on the next start", () => {
    prepareSecrets("development", true, secretsFile);
    const first = { auth: process.env.NEXTAUTH_SECRET, key: process.env.APP_ENCRYPTION_KEY };
    expect(Buffer.from(first.key!, "base64")).toHaveLength(32);
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600);

    for (const n of NAMES) delete process.env[n];
    prepareSecrets("development", true, secretsFile);
    expect({ auth: process.env.NEXTAUTH_SECRET, key: process.env.APP_ENCRYPTION_KEY }).toEqual(first);
    expect(JSON.parse(readFileSync(secretsFile, "utf8"))).toEqual({ NEXTAUTH_SECRET: first.auth, APP_ENCRYPTION_KEY: first.key });
  });

  it("refuses a production start on the operator's own database without secrets, naming them", () => {
    expect(() => prepareSecrets("production", false, secretsFile)).toThrow(LaunchError);
    expect(() => prepareSecrets("production", false, secretsFile)).toThrow(/NEXTAUTH_SECRET and APP_ENCRYPTION_KEY must be set/);
  });

  it("accepts a production start with both secrets set", () => {
    process.env.NEXTAUTH_SECRET = "a-long-enough-session-secret";
    process.env.APP_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");
    expect(() => prepareSecrets("production", false, secretsFile)).not.toThrow();
  });

  it("rejects an encryption key that is not 32 bytes", () => {
    process.env.NEXTAUTH_SECRET = "a-long-enough-session-secret";
    process.env.APP_ENCRYPTION_KEY = Buffer.alloc(16).toString("base64");
    expect(() => prepareSecrets("production", false, secretsFile)).toThrow(/32 random bytes/);
  });
});

describe("serverNodeFlags", () => {
  it("gives the production server its V8 flags, which this Node accepts; SERVER_NODE_FLAGS replaces them", () => {
    const flags = serverNodeFlags({});
    expect(flags).toEqual(DEFAULT_SERVER_NODE_FLAGS.split(" "));
    expect(spawnSync(process.execPath, [...flags, "-e", "0"]).status).toBe(0);
    expect(serverNodeFlags({ SERVER_NODE_FLAGS: " --max-semi-space-size=32  --heap-growing-percent=200 " })).toEqual(["--max-semi-space-size=32", "--heap-growing-percent=200"]);
    expect(serverNodeFlags({ SERVER_NODE_FLAGS: "" })).toEqual([]);
  });

  it("passes them to `next start` only, before the Next.js entry point", () => {
    const start = nextSpec("start", 3000).args;
    expect(start.slice(0, serverNodeFlags().length)).toEqual(serverNodeFlags());
    expect(nextSpec("dev", 3000).args[0]).toMatch(/next$/);
  });
});
