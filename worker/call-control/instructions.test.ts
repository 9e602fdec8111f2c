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
  const media = {
    dir: "/srv/media",
    fromUrl: async (_tenant: string, url: string) => (url.includes("missing") ? { ok: false as const, reason: "HTTP 404" } : { ok: true as const, file: "/srv/media/tn_1/abc.wav" }),
    fromRecording: async () => ({ ok: false as const, reason: "no completed recording" }),
  };
  const ctx = { tenantId: "tn_1", media };

  it("become speak/playback/sleep/hangup applications; text is escaped, plays are files or checked tones", async () => {
    expect(await toApplications({ say: "line one\nline two", voice: "alice" }, ctx)).toEqual({ apps: [{ app: "speak", arg: "flite|slt|line one line two" }] });
    expect(await toApplications({ say: "cost: $5 ${x}" }, ctx)).toEqual({ apps: [{ app: "speak", arg: "flite|kal|cost: \\$5 \\${x}" }] });
    expect(await toApplications({ play: "https://example.com/a.wav" }, ctx)).toEqual({ apps: [{ app: "playback", arg: "/srv/media/tn_1/abc.wav" }], file: "/srv/media/tn_1/abc.wav" });
    expect(await toApplications({ play: "builtin:beep" }, ctx)).toEqual({ apps: [{ app: "playback", arg: "tone_stream://%(250,0,1000)" }] });
    expect(await toApplications({ pause: 3 }, ctx)).toEqual({ apps: [{ app: "sleep", arg: "3000" }] });
    expect(await toApplications({ hangup: true }, ctx)).toEqual({ apps: [{ app: "hangup", arg: "NORMAL_CLEARING" }] });
    expect(fliteVoice(undefined)).toBe("kal");
    expect(fliteVoice("Polly.Joanna")).toBe("slt");
  });

  it("refuse what is not a playable source, or what could not be fetched", async () => {
    expect(await toApplications({ play: "/etc/passwd" }, ctx)).toMatchObject({ refused: { source: "/etc/passwd" } });
    expect(await toApplications({ play: "https://example.com/missing.wav" }, ctx)).toEqual({ refused: { source: "https://example.com/missing.wav", reason: "HTTP 404" } });
    expect(await toApplications({ play: "recording:RE00000000000000000000000000000000" }, ctx)).toMatchObject({ refused: { reason: "no completed recording" } });
  });

  it("end in a hang-up, record refusals and go on, and stop once the channel is gone", async () => {
    const sent: string[] = [];
    const refusals: string[] = [];
    let live = true;
    const esl = { sendmsg: async (_uuid: string, app: string, arg?: string) => void sent.push(`${app} ${arg}`) };
    const base = { uuid: "u", tenantId: "tn_1", esl, media, onRefused: async (r: { source: string }) => void refusals.push(r.source) };
    await runInstructions({ ...base, instructions: [{ say: "hi" }, { play: "file_string:///etc/passwd" }, { pause: 1 }], isLive: () => live });
    expect(sent).toEqual(["speak flite|kal|hi", "sleep 1000", "hangup NORMAL_CLEARING"]);
    expect(refusals).toEqual(["file_string:///etc/passwd"]);
    sent.length = 0;
    live = false;
    await runInstructions({ ...base, instructions: [{ say: "hi" }], isLive: () => live });
    expect(sent).toEqual([]);
  });
});
