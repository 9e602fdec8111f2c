// <Refer> on the simulator (the same is proven on the real switch by freeswitch/real-switch/refer.test.ts): the
// worker sends `deflect` with sip_refer_continue_after_reply, reads the far end's answer and the NOTIFY's final
// status off the channel, and the interpreter decides: transferred, the action is told in-progress and the call
// ends; refused, the action's document runs on the call that is still up.
import { describe, expect, it } from "vitest";
import { createVoiceTenant } from "@/test/call-fixtures";
import { useCallControlStage } from "./call-control-stage";
import { placeCall, waitFor, waitForFinalCall } from "./test-harness";

const stage = useCallControlStage({ switchId: "fs-refer-sim" });
const { routes, executed, requestsTo } = stage;

describe("refer on the simulator", () => {
  it("accepted and transferred: deflect sends the REFER, the action hears in-progress with the codes, and the call ends", async () => {
    const voice = await createVoiceTenant();
    const call = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, instructions: [{ refer: "sip:alice@example.com", action: stage.app.url("/referred") }, { say: "never" }] });
    const ended = await waitForFinalCall(call.id);
    expect(ended.status).toBe("COMPLETED");
    expect(executed(call.id, "deflect")).toEqual(["sip:alice@example.com"]);
    expect(executed(call.id, "set")).toContain("sip_refer_continue_after_reply=true");
    expect(executed(call.id, "speak")).toEqual([]);
    const [told] = await waitFor("the action told", async () => (requestsTo("/referred", call.id).length ? requestsTo("/referred", call.id) : null));
    expect(told).toMatchObject({ ReferCallStatus: "in-progress", ReferSipResponseCode: "202", NotifySipResponseCode: "200", CallStatus: "completed" });
  });

  it("refused (603) or the transfer failing (NOTIFY 486): the call stays up and the action's TwiML runs", async () => {
    routes.set("/refused", { status: 200, body: "<Response><Say>Transfer failed</Say><Hangup/></Response>", headers: { "Content-Type": "text/xml" } });
    const voice = await createVoiceTenant();
    const refused = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, instructions: [{ refer: "sip:refuse@example.com", action: stage.app.url("/refused") }] });
    const busy = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, instructions: [{ refer: "sip:busy@example.com", action: stage.app.url("/refused") }] });
    for (const call of [refused, busy]) {
      expect((await waitForFinalCall(call.id)).status).toBe("COMPLETED");
      expect(executed(call.id, "speak").map((d) => d.split("|")[2])).toEqual(["Transfer failed"]);
    }
    expect(requestsTo("/refused", refused.id)).toEqual([expect.objectContaining({ ReferCallStatus: "failed", ReferSipResponseCode: "603", CallStatus: "in-progress" })]);
    expect(requestsTo("/refused", refused.id)[0]).not.toHaveProperty("NotifySipResponseCode");
    expect(requestsTo("/refused", busy.id)).toEqual([expect.objectContaining({ ReferCallStatus: "busy", ReferSipResponseCode: "202", NotifySipResponseCode: "486" })]);
  });

  it("a URI the switch must not be handed is refused before it: 13243 in the debugger, the document goes on", async () => {
    const voice = await createVoiceTenant();
    const call = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, instructions: [{ refer: "sip:alice@example.com;x=${system(id)}" }, { say: "Going on" }, { hangup: true }] });
    expect((await waitForFinalCall(call.id)).status).toBe("COMPLETED");
    expect(executed(call.id, "deflect")).toEqual([]);
    expect(executed(call.id, "speak").map((d) => d.split("|")[2])).toEqual(["Going on"]);
    const { db } = await import("@/server/db");
    const entry = await db.callEvent.findFirst({ where: { callId: call.id, type: "debugger.error" } });
    expect(entry?.data).toMatchObject({ code: 13243 });
  });
});
