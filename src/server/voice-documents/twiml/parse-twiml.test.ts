import { describe, expect, it } from "vitest";
import { ZVoiceDocument } from "../voice-document.schemas";
import { parseTwimlDocument } from "./parse-twiml";
import { TwimlError, type TwimlProblem } from "./twiml-error";

function problemOf(xml: string): TwimlProblem {
  try {
    parseTwimlDocument(xml);
  } catch (e) {
    if (e instanceof TwimlError) return e.toProblem();
    throw e;
  }
  throw new Error("the document was accepted");
}

type Expected = Omit<TwimlProblem, "message"> & { message: RegExp };

// Each refusal: the document, then Twilio's code, where (1-based line and column of the element or attribute) and
// what (the verb, the nested element, the attribute) — what the debugger will show.
const REFUSALS: [string, string, Expected][] = [
  ["an unclosed element", "<Response><Say>hi</Response>", { code: 12100, line: 1, column: 28, message: /not well-formed XML: unexpected close tag/ }],
  ["a DOCTYPE (never expanded)", '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY e "x">]>\n<Response/>', { code: 12100, line: 2, column: 1, message: /DOCTYPE is not allowed/ }],
  ["an entity XML does not define", "<Response><Say>&nbsp;</Say></Response>", { code: 12100, line: 1, column: 21, message: /undefined entity/ }],
  ["a root other than Response", "<Say>hi</Say>", { code: 12102, line: 1, column: 1, verb: "Say", message: /no <Response> root/ }],
  ["a verb in the wrong case", "<Response>\n  <say>hi</say>\n</Response>", { code: 12200, line: 2, column: 3, verb: "say", message: /<say> is not a TwiML voice verb/ }],
  ["an unknown attribute", '<Response>\n  <Say voice="alice" colour="red">hi</Say>\n</Response>', { code: 12200, line: 2, column: 22, verb: "Say", attribute: "colour", message: /no attribute colour/ }],
  ["Gather numDigits 0", '<Response>\n  <Gather numDigits="0"/>\n</Response>', { code: 13314, line: 2, column: 11, verb: "Gather", attribute: "numDigits", message: /numDigits="0"/ }],
  ["Gather finishOnKey of two keys", '<Response><Gather finishOnKey="12"/></Response>', { code: 13310, line: 1, column: 19, verb: "Gather", attribute: "finishOnKey", message: /one of 0-9, # or \*/ }],
  ["Gather timeout not a number", '<Response><Gather timeout="soon"/></Response>', { code: 13313, line: 1, column: 19, verb: "Gather", attribute: "timeout", message: /whole number/ }],
  [
    "a negative loop on a Say inside Gather",
    '<Response>\n  <Gather action="/menu">\n    <Say loop="-1">Press 1</Say>\n  </Gather>\n</Response>',
    { code: 13322, line: 3, column: 10, verb: "Gather", element: "Say", attribute: "loop", message: /loop="-1"/ },
  ],
  ["a Dial inside Gather", "<Response><Gather><Dial>+14155550123</Dial></Gather></Response>", { code: 13320, line: 1, column: 19, verb: "Gather", element: "Dial", message: /not allowed inside <Gather>/ }],
  ["Pause longer than ten minutes", '<Response><Pause length="601"/></Response>', { code: 13910, line: 1, column: 18, verb: "Pause", attribute: "length", message: /<=600/ }],
  ["Say with nothing to say", "<Response><Say>   </Say></Response>", { code: 13520, line: 1, column: 11, verb: "Say", message: /needs text/ }],
  ["Play loop below zero", '<Response><Play loop="-2">https://example.com/a.mp3</Play></Response>', { code: 13410, line: 1, column: 17, verb: "Play", attribute: "loop", message: /loop="-2"/ }],
  ["digits to send inside Gather, where only prompts belong", '<Response><Gather><Play digits="1"/></Gather></Response>', { code: 12200, line: 1, column: 25, verb: "Gather", element: "Play", attribute: "digits", message: /it takes loop/ }],
  ["Play with both a URL and digits", '<Response><Play digits="1">https://example.com/a.mp3</Play></Response>', { code: 12200, line: 1, column: 17, verb: "Play", attribute: "digits", message: /not both/ }],
  ["a Number that is no phone number", "<Response>\n  <Dial>\n    <Number>call me</Number>\n  </Dial>\n</Response>", { code: 13223, line: 3, column: 5, verb: "Dial", element: "Number", message: /phone number/ }],
  ["Number sendDigits with a letter", '<Response><Dial><Number sendDigits="12x">+14155550123</Number></Dial></Response>', { code: 13222, line: 1, column: 25, verb: "Dial", element: "Number", attribute: "sendDigits", message: /sendDigits="12x"/ }],
  ["Dial hangupOnStar yes", '<Response><Dial hangupOnStar="yes">+14155550123</Dial></Response>', { code: 13213, line: 1, column: 17, verb: "Dial", attribute: "hangupOnStar", message: /true or false/ }],
  ["Dial record always", '<Response><Dial record="always">+14155550123</Dial></Response>', { code: 13217, line: 1, column: 17, verb: "Dial", attribute: "record", message: /record-from-answer/ }],
  ["Dial timeLimit 0", '<Response><Dial timeLimit="0">+14155550123</Dial></Response>', { code: 13216, line: 1, column: 17, verb: "Dial", attribute: "timeLimit", message: />=1/ }],
  ["Dial method PUT", '<Response><Dial method="PUT">+14155550123</Dial></Response>', { code: 13210, line: 1, column: 17, verb: "Dial", attribute: "method", message: /GET.*POST/ }],
  ["Dial with text beside its nouns", "<Response><Dial><Client>a</Client>x</Dial></Response>", { code: 12200, line: 1, column: 11, verb: "Dial", message: /takes no text/ }],
  ["Conference beep loud", '<Response><Dial><Conference beep="loud">Room</Conference></Dial></Response>', { code: 13235, line: 1, column: 29, verb: "Dial", element: "Conference", attribute: "beep", message: /onEnter/ }],
  ["Conference muted maybe, on its second line", '<Response><Dial><Conference\n      muted="maybe">Room</Conference></Dial></Response>', { code: 13230, line: 2, column: 7, verb: "Dial", element: "Conference", attribute: "muted", message: /true or false/ }],
  ["a Sip that is no SIP URI", "<Response><Dial><Sip>not a uri</Sip></Dial></Response>", { code: 13243, line: 1, column: 17, verb: "Dial", element: "Sip", message: /SIP URI/ }],
  ["a queue name over 64 characters", `<Response><Dial><Queue>${"q".repeat(65)}</Queue></Dial></Response>`, { code: 14213, line: 1, column: 17, verb: "Dial", element: "Queue", message: /<=64/ }],
  ["Enqueue with no queue name", "<Response><Enqueue></Enqueue></Response>", { code: 14204, line: 1, column: 11, verb: "Enqueue", message: />=1/ }],
  ["Enqueue waitUrlMethod PUT", '<Response><Enqueue waitUrlMethod="PUT">support</Enqueue></Response>', { code: 14206, line: 1, column: 20, verb: "Enqueue", attribute: "waitUrlMethod", message: /GET/ }],
  ["Record maxLength 0", '<Response><Record maxLength="0"/></Response>', { code: 13612, line: 1, column: 19, verb: "Record", attribute: "maxLength", message: />=1/ }],
  ["Record finishOnKey A", '<Response><Record finishOnKey="A"/></Response>', { code: 13613, line: 1, column: 19, verb: "Record", attribute: "finishOnKey", message: /0-9/ }],
  ["Record playBeep yes", '<Response><Record playBeep="yes"/></Response>', { code: 13616, line: 1, column: 19, verb: "Record", attribute: "playBeep", message: /true or false/ }],
  ["Redirect method DELETE", '<Response><Redirect method="DELETE">/next</Redirect></Response>', { code: 13710, line: 1, column: 21, verb: "Redirect", attribute: "method", message: /GET/ }],
  ["Redirect to a javascript: URL", "<Response><Redirect>javascript:alert(1)</Redirect></Response>", { code: 12200, line: 1, column: 11, verb: "Redirect", message: /http\(s\) URL/ }],
  ["Reject for no known reason", '<Response><Reject reason="nope"/></Response>', { code: 12200, line: 1, column: 19, verb: "Reject", attribute: "reason", message: /rejected.*busy/ }],
  ["text among the verbs", "<Response>hello<Hangup/></Response>", { code: 12200, line: 1, column: 1, verb: "Response", message: /verbs, not text/ }],
  ["a stream to an https URL", '<Response><Start><Stream url="https://example.com/s"/></Start></Response>', { code: 12200, line: 1, column: 26, verb: "Start", element: "Stream", attribute: "url", message: /wss:\/\// }],
  ["a Twilio verb IRISX does not offer", "<Response>\n  <Pay/>\n</Response>", { code: 12200, line: 2, column: 3, verb: "Pay", message: /<Pay> is not supported by IRISX/ }],
];

describe("refused TwiML", () => {
  it.each(REFUSALS)("%s", (_what, xml, expected) => {
    const { message, ...where } = expected;
    const problem = problemOf(xml);
    expect(problem).toEqual({ ...where, message: expect.stringMatching(message) });
    expect(problem.message).toContain(`(line ${where.line}, column ${where.column})`);
  });
});

describe("accepted TwiML", () => {
  it("gives the same document as its JSON twin, defaults filled, and keeps where each verb starts", () => {
    const xml = '<?xml version="1.0"?>\n<Response>\n  <Gather numDigits="1" action="/menu">\n    <Say>Press 1</Say>\n  </Gather>\n  <Say>Goodbye</Say>\n</Response>';
    expect(parseTwimlDocument(xml)).toEqual({
      document: ZVoiceDocument.parse([{ gather: [{ say: "Press 1" }], numDigits: 1, action: "/menu" }, { say: "Goodbye" }]),
      positions: [
        { line: 3, column: 3 },
        { line: 6, column: 3 },
      ],
    });
  });

  it("reads Twilio's legacy Dial record values, lower-case methods, lists split by spaces or commas, and an empty finishOnKey", () => {
    const xml =
      '<Response><Dial record="true" method="get" recordingStatusCallbackEvent="in-progress, completed">+14155550123</Dial>' +
      '<Dial record="false">+14155550123</Dial><Gather finishOnKey="" input="dtmf speech" speechTimeout="auto"/></Response>';
    const [first, second, gather] = parseTwimlDocument(xml).document;
    expect(first).toMatchObject({ record: "record-from-answer", method: "GET", recordingStatusCallbackEvent: ["in-progress", "completed"] });
    expect(second).toMatchObject({ record: "do-not-record" });
    expect(gather).toMatchObject({ finishOnKey: "", input: ["dtmf", "speech"], speechTimeout: "auto" });
  });

  it("reduces SSML to its words and reads CDATA and the five XML entities", () => {
    const xml = `<Response><Say>Fish &amp; chips <s>first</s><s>second</s> <![CDATA[<not markup>]]><sub alias="World Wide Web">WWW</sub>.</Say></Response>`;
    expect(parseTwimlDocument(xml).document).toMatchObject([{ say: "Fish & chips first second <not markup>World Wide Web." }]);
  });

  it("refuses markup inside Say that is not SSML, and more than a hundred verbs", () => {
    expect(problemOf("<Response><Say>Hi <b>there</b></Say></Response>")).toMatchObject({ code: 12200, verb: "Say", element: "b" });
    expect(problemOf(`<Response>${"<Pause/>".repeat(101)}</Response>`)).toMatchObject({ code: 12200, message: expect.stringMatching(/at most 100 verbs/) });
  });
});
