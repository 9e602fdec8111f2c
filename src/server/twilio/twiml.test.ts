import { describe, expect, it } from "vitest";
import { parseTwiml, TwimlError } from "@/server/twilio/twiml";

describe("parseTwiml", () => {
  it("turns the supported verbs into instructions, in order, with loops", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
      <Response>
        <Say voice="alice" loop="2">Hello &amp; welcome</Say>
        <Pause length="2"/>
        <Play>https://example.com/a.wav</Play>
        <Pause length="0"/>
        <Hangup/>
      </Response>`;
    expect(parseTwiml(xml)).toEqual([
      { say: "Hello & welcome", voice: "alice" },
      { say: "Hello & welcome", voice: "alice" },
      { pause: 2 },
      { play: "https://example.com/a.wav" },
      { hangup: true },
    ]);
  });

  it("keeps the words of SSML inside <Say> (prosody, emphasis, say-as, sub's alias; a break is a pause)", () => {
    const xml = `<Response><Say voice="Polly.Joanna">Hello <prosody rate="slow">dear <emphasis level="strong">caller</emphasis></prosody>.<break time="1s"/>Your code is <say-as interpret-as="digits">123</say-as>, from <sub alias="World Wide Web Consortium">W3C</sub>.</Say></Response>`;
    expect(parseTwiml(xml)).toEqual([{ say: "Hello dear caller. Your code is 123, from World Wide Web Consortium.", voice: "Polly.Joanna" }]);
  });

  it("refuses other verbs, a missing Response and broken XML, saying why", () => {
    expect(() => parseTwiml("<Response><Dial>+14155550123</Dial></Response>")).toThrow(/<Dial> is not supported yet/);
    expect(() => parseTwiml("<Say>hi</Say>")).toThrow(/no <Response> root/);
    expect(() => parseTwiml("<Response><Say>hi</Response>")).toThrow(TwimlError);
    expect(() => parseTwiml('<Response><Say loop="x">hi</Say></Response>')).toThrow(/loop="x"/);
  });
});
