import { describe, expect, it } from "vitest";
import { KeyedSerialQueue } from "./keyed-serial-queue";
import { normalizeDialledNumber } from "./inbound";
import { buildOriginateCommand, endCause } from "./originator";
import { errCause } from "./switch-port";

describe("originate", () => {
  it("builds the bgapi originate of the contract", () => {
    const cmd = buildOriginateCommand(
      { id: "CA1", tenantId: "tn_1", from: "+14155550100", to: "+15005550100", timeoutSeconds: 30, record: true, channelUuid: "0f0e-uuid" },
      "twilio",
    );
    expect(cmd).toBe(
      "originate {origination_uuid=0f0e-uuid,irisx_call_id=CA1,irisx_tenant_id=tn_1,origination_caller_id_number=+14155550100," +
        "origination_caller_id_name=+14155550100,originate_timeout=30,ignore_early_media=true,send_silence_when_idle=-1,sleep_eat_digits=true,playback_terminators=none,RECORD_STEREO=true}sofia/gateway/twilio/+15005550100 &park()",
    );
  });

  it("keeps a gateway name from smuggling dial-string syntax", () => {
    const cmd = buildOriginateCommand({ id: "CA1", tenantId: "t", from: "+1", to: "+15005550100", timeoutSeconds: 5, record: false, channelUuid: "u" }, "evil}&bridge(x)");
    expect(cmd).toContain("sofia/gateway/evilbridgex/+15005550100 &park()");
  });

  it("reads -ERR causes and maps end requests to hangup causes", () => {
    expect(errCause("-ERR USER_BUSY\n")).toBe("USER_BUSY");
    expect(errCause("+OK 0f0e\n")).toBeNull();
    expect(endCause("CANCELED")).toBe("ORIGINATOR_CANCEL");
    expect(endCause("COMPLETED")).toBe("NORMAL_CLEARING");
  });

  it("normalises dialled numbers to E.164", () => {
    expect(normalizeDialledNumber("+15005550006")).toBe("+15005550006");
    expect(normalizeDialledNumber("15005550006")).toBe("+15005550006");
    expect(normalizeDialledNumber("4155550100")).toBe("+14155550100");
    expect(normalizeDialledNumber("")).toBeNull();
  });
});

describe("KeyedSerialQueue", () => {
  it("runs one key's tasks in order and different keys concurrently; a failure does not break the chain", async () => {
    const errors: unknown[] = [];
    const q = new KeyedSerialQueue({ onError: (_k, e) => errors.push(e) });
    const log: string[] = [];
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    void q.push("a", async () => {
      await wait(30);
      log.push("a1");
    });
    void q.push("a", () => {
      throw new Error("boom");
    });
    void q.push("a", () => void log.push("a3"));
    void q.push("b", () => void log.push("b1"));
    await q.onIdle();
    expect(log).toEqual(["b1", "a1", "a3"]);
    expect(errors).toHaveLength(1);
    expect(q.activeKeys).toBe(0);
  });
});
