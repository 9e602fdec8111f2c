// EslClient against the switch simulator (freeswitch/simulator): the two halves of the wire agree end to end.
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "../../freeswitch/simulator/index";
import { EslClient, EslLinkDownError } from "./client";
import type { EslEvent } from "./wire";

let sim: Simulator;
let client: EslClient;
const events: EslEvent[] = [];

beforeAll(async () => {
  sim = await startSimulator({ eslPort: 0, controlPort: 0, timeScale: 0.05, heartbeatSeconds: 1 });
  client = new EslClient({
    host: "127.0.0.1",
    port: sim.eslPort,
    password: "ClueCon",
    commandTimeoutMs: 5_000,
    reconnectBaseMs: 20,
    reconnectMaxMs: 100,
    heartbeatTimeoutMs: 5_000,
  });
  client.on("event", (e) => events.push(e));
  client.start();
  await client.waitUntilUp(5_000);
});

afterAll(async () => {
  await client?.close();
  await sim?.close();
});

function waitFor(pred: (e: EslEvent) => boolean, timeoutMs = 10_000): Promise<EslEvent> {
  const seen = events.find(pred);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off("event", on);
      reject(new Error("event not seen in time"));
    }, timeoutMs);
    const on = (e: EslEvent) => {
      if (!pred(e)) return;
      clearTimeout(timer);
      client.off("event", on);
      resolve(e);
    };
    client.on("event", on);
  });
}

describe("EslClient ↔ simulator", () => {
  it("bgapi originate with our Job-UUID resolves with +OK <uuid>, and the call's events arrive parsed", async () => {
    const uuid = randomUUID();
    const body = await client.bgapi(
      `originate {origination_uuid=${uuid},originate_timeout=30}sofia/gateway/carrier/+15005550102 &park()`,
      { jobUuid: uuid },
    );
    expect(body).toBe(`+OK ${uuid}\n`);
    await expect(client.api(`uuid_exists ${uuid}`)).resolves.toBe("true");
    await expect(client.sendmsg(uuid, { app: "playback", arg: "silence_stream://100", eventLock: true })).resolves.toBe("+OK");
    const done = await waitFor((e) => e.name === "CHANNEL_HANGUP_COMPLETE" && e.uniqueId === uuid);
    expect(done.getAll("Hangup-Cause")).toEqual(["NORMAL_CLEARING", "NORMAL_CLEARING"]);
    expect(done.variable("sip_hangup_disposition")).toBe("recv_bye");
  });

  it("a busy number's job body is -ERR USER_BUSY", async () => {
    const uuid = randomUUID();
    await expect(
      client.bgapi(`originate {origination_uuid=${uuid}}sofia/gateway/carrier/+15005550200 &park()`, { jobUuid: uuid }),
    ).resolves.toBe("-ERR USER_BUSY\n");
  });

  it("receives HEARTBEAT", async () => {
    const hb = await waitFor((e) => e.name === "HEARTBEAT", 5_000);
    expect(hb.get("Event-Info")).toBe("System Ready");
  });

  it("the simulator dropping the link rejects pending work and the client comes back by itself", async () => {
    const uuid = randomUUID();
    // Rings until originate_timeout: the job stays pending while the link goes.
    const pending = client.bgapi(`originate {origination_uuid=${uuid},originate_timeout=60}sofia/gateway/carrier/+15005550300 &park()`, {
      jobUuid: uuid,
      timeoutMs: 30_000,
    });
    await waitFor((e) => e.name === "CHANNEL_PROGRESS" && e.uniqueId === uuid);
    const reconnected = once(client, "connected");
    expect(sim.dropEslConnections()).toBeGreaterThanOrEqual(1);
    await expect(pending).rejects.toBeInstanceOf(EslLinkDownError);
    await reconnected;
    expect(client.linkState).toBe("up");
    await expect(client.api(`uuid_kill ${uuid}`)).resolves.toMatch(/^\+OK/);
  });
});
