import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LaunchError, telephonySpecs } from "./runtime";
import { planTelephony } from "./telephony-plan";

const OWN_DATABASE = { embeddedDatabase: false };
const EMBEDDED = { embeddedDatabase: true };

describe("planTelephony", () => {
  it("on the embedded database with no switch configured (npm run dev / npm start out of the box): the simulator and a worker", () => {
    expect(planTelephony({ env: {}, ...EMBEDDED }).kind).toBe("simulator");
  });

  it("on your own DATABASE_URL with no switch configured: neither a simulator nor a worker, and says how to get one", () => {
    const plan = planTelephony({ env: { DATABASE_URL: "postgresql://irisx@db.internal/irisx" }, ...OWN_DATABASE });
    expect(plan.kind).toBe("none");
    expect(plan.reason).toMatch(/FREESWITCH_ESL_HOST/);
  });

  it("the compose app service (its own database, IRISX_WORKER=off): none, even if a switch address leaks into its environment", () => {
    expect(planTelephony({ env: { IRISX_WORKER: "off" }, ...OWN_DATABASE }).kind).toBe("none");
    expect(planTelephony({ env: { IRISX_WORKER: "off", FREESWITCH_ESL_HOST: "freeswitch" }, ...OWN_DATABASE }).kind).toBe("none");
    expect(planTelephony({ env: { IRISX_WORKER: "off" }, ...EMBEDDED }).kind).toBe("none");
  });

  it("with FREESWITCH_ESL_HOST: a worker for that switch, on either database, never the simulator", () => {
    for (const database of [OWN_DATABASE, EMBEDDED]) {
      expect(planTelephony({ env: { FREESWITCH_ESL_HOST: "fs.internal", FREESWITCH_ESL_PORT: "8031" }, ...database })).toMatchObject({ kind: "switch", host: "fs.internal", port: 8031 });
    }
    expect(planTelephony({ env: { FREESWITCH_ESL_HOST: "fs.internal", FREESWITCH_ESL_PORT: "" }, ...OWN_DATABASE })).toMatchObject({ port: 8021 });
  });

  it("a blank FREESWITCH_ESL_HOST (compose's ${VAR:-}) counts as unset", () => {
    expect(planTelephony({ env: { FREESWITCH_ESL_HOST: " " }, ...OWN_DATABASE }).kind).toBe("none");
  });

  it("IRISX_WORKER=simulator asks for the simulator on your own database, and contradicts a configured switch", () => {
    expect(planTelephony({ env: { IRISX_WORKER: "simulator" }, ...OWN_DATABASE }).kind).toBe("simulator");
    expect(() => planTelephony({ env: { IRISX_WORKER: "simulator", FREESWITCH_ESL_HOST: "fs.internal" }, ...OWN_DATABASE })).toThrow(LaunchError);
  });

  it("refuses an IRISX_WORKER value it does not know, naming the variable", () => {
    expect(() => planTelephony({ env: { IRISX_WORKER: "no" }, ...EMBEDDED })).toThrow(/IRISX_WORKER/);
  });
});

describe("telephonySpecs", () => {
  // telephonySpecs fills these in for the children; stubbing them first makes unstubAllEnvs put them back.
  const FILLED_IN = ["TELEPHONY_SIMULATED", "SIM_ESL_PORT", "SIM_CONTROL_PORT", "SIM_ESL_PASSWORD", "SIM_RECORDINGS_DIR", "SIMULATOR_CONTROL_URL", "FREESWITCH_RECORDINGS_DIR"];
  beforeEach(() => {
    for (const name of FILLED_IN) vi.stubEnv(name, process.env[name]);
    vi.spyOn(console, "log").mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("starts nothing for no telephony, and the UI shows no simulated badge", () => {
    expect(telephonySpecs({ kind: "none", reason: "test" })).toEqual([]);
    expect(process.env.TELEPHONY_SIMULATED).toBe("0");
  });

  it("starts only the worker for a real switch", () => {
    const specs = telephonySpecs({ kind: "switch", host: "fs.internal", port: 8021, reason: "test" });
    expect(specs.map((s) => s.name)).toEqual(["worker"]);
    expect(specs[0]!.env).toEqual({});
    expect(process.env.TELEPHONY_SIMULATED).toBe("0");
  });

  it("starts the simulator and a worker pointed at it", () => {
    const specs = telephonySpecs({ kind: "simulator", reason: "test" }, { eslPort: 18021, controlPort: 18022 });
    expect(specs.map((s) => s.name)).toEqual(["simulator", "worker"]);
    expect(specs[1]!.env).toEqual({ FREESWITCH_ESL_HOST: "127.0.0.1", FREESWITCH_ESL_PORT: "18021" });
    expect(process.env.TELEPHONY_SIMULATED).toBe("1");
  });
});
