import { describe, expect, it } from "vitest";
import { InstructionsParseError, parseInstructionsResponse } from "./instructions";
import { fliteVoice, runInstructions, toApplications } from "./run-instructions";

describe("a URL's answer", () => {
  it("reads JSON { instructions } and a bare list", () => {
    expect(parseInstructionsResponse('{"instructions":[{"say":"hi"},{"hangup":true}]}')).toEqual([{ say: "hi" }, { hangup: true }]);
    expect(parseInstructionsResponse('[{"pause":2}]')).toEqual([{ pause: 2 }]);
  });

  it("reads the TwiML subset in order", () => {
    const xml = '<?xml version="1.0"?><Response><Say voice="man">Hello &amp; bye</Say><Play>https://example.com/a.wav</Play><Pause length="2"/><Hangup/></Response>';
    expect(parseInstructionsResponse(xml)).toEqual([{ say: "Hello & bye", voice: "man" }, { play: "https://example.com/a.wav" }, { pause: 2 }, { hangup: true }]);
  });

  it("refuses what it cannot run", () => {
    expect(() => parseInstructionsResponse("not json")).toThrow(InstructionsParseError);
    expect(() => parseInstructionsResponse('{"instructions":[{"dial":"+1"}]}')).toThrow(InstructionsParseError);
    expect(() => parseInstructionsResponse("<Response><Dial>+15551234567</Dial></Response>")).toThrow();
  });
});

describe("instructions on the switch", () => {
  it("become speak/playback/sleep/hangup applications", async () => {
    expect(await toApplications({ say: "line one\nline two", voice: "alice" })).toEqual([{ app: "speak", arg: "flite|slt|line one line two" }]);
    expect(await toApplications({ play: "/sounds/beep.wav" })).toEqual([{ app: "playback", arg: "/sounds/beep.wav" }]);
    expect(await toApplications({ pause: 3 })).toEqual([{ app: "sleep", arg: "3000" }]);
    expect(await toApplications({ hangup: true })).toEqual([{ app: "hangup", arg: "NORMAL_CLEARING" }]);
    expect(fliteVoice(undefined)).toBe("kal");
    expect(fliteVoice("Polly.Joanna")).toBe("slt");
  });

  it("end in a hang-up, skip a play URL the SSRF guard refuses, and stop once the channel is gone", async () => {
    const sent: string[] = [];
    let live = true;
    const esl = { sendmsg: async (_uuid: string, app: string, arg?: string) => void sent.push(`${app} ${arg}`) };
    await runInstructions({ uuid: "u", instructions: [{ say: "hi" }, { play: "http://169.254.169.254/latest" }, { pause: 1 }], esl, isLive: () => live });
    expect(sent).toEqual(["speak flite|kal|hi", "sleep 1000", "hangup NORMAL_CLEARING"]);
    sent.length = 0;
    live = false;
    await runInstructions({ uuid: "u", instructions: [{ say: "hi" }], esl, isLive: () => live });
    expect(sent).toEqual([]);
  });
});
