import { describe, expect, it } from "vitest";
import { parseMessagingTwiml } from "@/server/messages/parse-messaging-twiml";

describe("parseMessagingTwiml", () => {
  it("reads each <Message>: plain text, <Body> and <Media> nouns, to/from attributes", () => {
    expect(
      parseMessagingTwiml(`<?xml version="1.0" encoding="UTF-8"?><Response><Message>Thanks &amp; bye</Message>
        <Message to="+15005550006" from="+14155550100"><Body>Hi</Body><Media>https://example.com/a.png</Media></Message></Response>`),
    ).toEqual([
      { to: null, from: null, body: "Thanks & bye", mediaUrls: [] },
      { to: "+15005550006", from: "+14155550100", body: "Hi", mediaUrls: ["https://example.com/a.png"] },
    ]);
  });

  it("answers nothing for an empty response, other verbs, or something that is not XML", () => {
    expect(parseMessagingTwiml("<Response/>")).toEqual([]);
    expect(parseMessagingTwiml("<Response><Redirect>/x</Redirect></Response>")).toEqual([]);
    expect(parseMessagingTwiml("not xml")).toEqual([]);
    expect(parseMessagingTwiml("")).toEqual([]);
  });
});
