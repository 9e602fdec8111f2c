// Twilio's error codes as the debugger shows them: a title per code and the page that explains it
// (twilio.com/docs/api/errors/<code>). Codes IRISX raises are listed by name; any other code still gets a title
// from the range it falls in (Twilio numbers its TwiML errors by verb: 132xx Dial, 133xx Gather, 134xx Play, …).

const TITLES: Record<number, string> = {
  11100: "Invalid URL format",
  11200: "HTTP retrieval failure",
  11205: "HTTP connection failure",
  11206: "HTTP protocol violation",
  11210: "HTTP bad host name",
  11215: "HTTP too many redirects",
  11220: "SSL/TLS handshake error",
  11750: "TwiML response body too large",
  12100: "Document parse failure",
  12102: "The root element must be Response",
  12200: "Schema validation warning",
  12300: "Invalid Content-Type",
  12400: "Internal failure",
  13210: "Dial: Invalid method value",
  13212: "Dial: Invalid timeout value",
  13213: "Dial: Invalid hangupOnStar value",
  13214: "Dial: Invalid callerId value",
  13216: "Dial: Invalid timeLimit value",
  13217: "Dial: Invalid record value",
  13221: "Dial->Number: Invalid method value",
  13222: "Dial->Number: Invalid sendDigits value",
  13223: "Dial: Invalid phone number format",
  13230: "Dial->Conference: Invalid muted value",
  13231: "Dial->Conference: Invalid endConferenceOnExit value",
  13232: "Dial->Conference: Invalid startConferenceOnEnter value",
  13233: "Dial->Conference: Invalid waitUrl value",
  13234: "Dial->Conference: Invalid waitMethod value",
  13235: "Dial->Conference: Invalid beep value",
  13236: "Dial->Conference: Invalid Conference Sid value",
  13310: "Gather: Invalid finishOnKey value",
  13312: "Gather: Invalid method value",
  13313: "Gather: Invalid timeout value",
  13314: "Gather: Invalid numDigits value",
  13320: "Gather: Invalid nested verb",
  13321: "Gather->Say: Invalid voice value",
  13322: "Gather->Say: Invalid loop value",
  13410: "Play: Invalid loop value",
  13510: "Say: Invalid loop value",
  13511: "Say: Invalid voice value",
  13520: "Say: Invalid text",
  13610: "Record: Invalid method value",
  13611: "Record: Invalid timeout value",
  13612: "Record: Invalid maxLength value",
  13613: "Record: Invalid finishOnKey value",
  13614: "Record: Invalid transcribe value",
  13710: "Redirect: Invalid method value",
  13910: "Pause: Invalid length value",
};

const RANGES: { from: number; to: number; title: string }[] = [
  { from: 11000, to: 11999, title: "HTTP request failure" },
  { from: 12000, to: 12999, title: "Document error" },
  { from: 13000, to: 13199, title: "TwiML: invalid document" },
  { from: 13200, to: 13299, title: "Dial: invalid attribute or noun" },
  { from: 13300, to: 13399, title: "Gather: invalid attribute or nested verb" },
  { from: 13400, to: 13499, title: "Play: invalid attribute" },
  { from: 13500, to: 13599, title: "Say: invalid attribute" },
  { from: 13600, to: 13699, title: "Record: invalid attribute" },
  { from: 13700, to: 13799, title: "Redirect: invalid attribute" },
  { from: 13900, to: 13999, title: "Pause: invalid attribute" },
  { from: 14200, to: 14299, title: "Enqueue or Queue: invalid attribute" },
  { from: 16000, to: 16999, title: "Conference error" },
];

export interface TwilioErrorCodeInfo {
  code: number;
  title: string;
  moreInfo: string;
}

export function twilioErrorMoreInfo(code: number): string {
  return `https://www.twilio.com/docs/api/errors/${code}`;
}

export function describeTwilioErrorCode(code: number): TwilioErrorCodeInfo {
  const title = TITLES[code] ?? RANGES.find((r) => code >= r.from && code <= r.to)?.title ?? "Application error";
  return { code, title, moreInfo: twilioErrorMoreInfo(code) };
}

/** The codes with a title of their own, for the debugger's code filter. */
export function listTwilioErrorCodes(): TwilioErrorCodeInfo[] {
  return Object.keys(TITLES).map((c) => describeTwilioErrorCode(Number(c)));
}
