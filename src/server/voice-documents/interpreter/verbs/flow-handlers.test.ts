import { describe, expect, it } from "vitest";
import { referCallStatus } from "./flow-handlers";
import { answer, CALL_PARAMS, fetchedJson, startJson, startTwiml } from "../test-session";

describe("hangup, reject and redirect", () => {
  it("hangup ends the call there", () => {
    const d = startTwiml("<Response><Hangup/><Say>never</Say></Response>");
    expect(d.commands).toEqual([{ kind: "hangup", cause: "normal" }]);
    expect(d.state.awaiting).toEqual({ kind: "ended" });
  });

  it("reject refuses the call with its reason (rejected by default)", () => {
    expect(startTwiml('<Response><Reject reason="busy"/></Response>').commands).toEqual([{ kind: "reject", reason: "busy" }]);
    expect(startJson([{ reject: true }]).commands).toEqual([{ kind: "reject", reason: "rejected" }]);
  });

  it("redirect asks for the next document, relative to the current one, with the call's parameters; the rest never runs", () => {
    let d = startTwiml('<Response><Redirect method="GET">../next.xml</Redirect><Say>never</Say></Response>', "https://app.example.com/ivr/start.xml");
    expect(d.commands).toEqual([{ kind: "fetch", url: "https://app.example.com/next.xml", method: "GET", params: CALL_PARAMS }]);
    d = answer(d, fetchedJson([{ say: "Next document" }]));
    expect(d.commands).toEqual([{ kind: "speak", text: "Next document", voice: null, language: "en-US", loop: 1 }]);
  });

  it("refer sends a REFER; accepted and transferred (NOTIFY 2xx), the action is told in-progress and the call ends here", () => {
    let d = startTwiml('<Response><Refer action="/refer-done"><Sip>sip:alice@example.com</Sip></Refer><Say>never</Say></Response>');
    expect(d.commands).toEqual([{ kind: "refer", uri: "sip:alice@example.com" }]);
    d = answer(d, { kind: "referEnded", referStatus: 202, notifyStatus: 200, callerHungUp: false });
    expect(d.commands).toEqual([
      { kind: "notify", url: "https://app.example.com/refer-done", method: "POST", params: { ...CALL_PARAMS, CallStatus: "completed", ReferCallStatus: "in-progress", ReferSipResponseCode: "202", NotifySipResponseCode: "200" } },
      { kind: "hangup", cause: "normal" },
    ]);
    expect(d.state.awaiting).toEqual({ kind: "ended" });
  });

  it("refer refused or failed: the action's document runs (ReferCallStatus from the REFER's answer and the NOTIFY), or the next verb", () => {
    let d = startTwiml('<Response><Refer action="/refer-done"><Sip>sip:alice@example.com</Sip></Refer></Response>');
    d = answer(d, { kind: "referEnded", referStatus: 603, notifyStatus: null, callerHungUp: false });
    expect(d.commands).toEqual([{ kind: "fetch", url: "https://app.example.com/refer-done", method: "POST", params: { ...CALL_PARAMS, ReferCallStatus: "failed", ReferSipResponseCode: "603" } }]);
    d = startJson([{ refer: "sip:alice@example.com" }, { say: "Still here" }]);
    d = answer(d, { kind: "referEnded", referStatus: 202, notifyStatus: 486, callerHungUp: false });
    expect(d.commands).toEqual([{ kind: "speak", text: "Still here", voice: null, language: "en-US", loop: 1 }]);
    expect(referCallStatus(202, 487, false)).toBe("no-answer");
    expect(referCallStatus(202, null, true)).toBe("canceled");
    expect(referCallStatus(null, null, false)).toBe("failed");
    expect(referCallStatus(202, 503, false)).toBe("failed");
  });
});
