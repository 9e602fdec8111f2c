import { describe, expect, it } from "vitest";
import { answer, CALL_PARAMS, fetchedJson, startJson, startTwiml } from "../test-session";

const APOLOGY = { kind: "speak", text: "We are sorry, an application error has occurred. Goodbye.", voice: null, language: "en-US", loop: 1 };

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

  it("refer cannot run yet: reported, apologised for, and the call ends", () => {
    for (const verb of [{ refer: "sip:alice@example.com" }]) {
      const d = startJson([{ say: "first" }, verb]);
      const [name] = Object.keys(verb);
      expect(answer(d, { kind: "done" }).commands).toEqual([{ kind: "reportError", code: 12200, message: `${name} cannot run yet on IRISX`, verbIndex: 1 }, APOLOGY, { kind: "hangup", cause: "application-error" }]);
    }
  });
});
