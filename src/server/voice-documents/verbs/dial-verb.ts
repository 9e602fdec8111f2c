// dial: connect the caller to another party. Its content is a number (`{ "dial": "+14155550123" }`) or the nouns to
// ring, all at once or (sequential) one after another. Attributes and defaults: twilio.com/docs/voice/twiml/dial
// (method POST, timeout 30, timeLimit 14400, hangupOnStar false, record do-not-record, trim do-not-trim,
// recordingTrack both, recordingStatusCallbackMethod POST, answerOnBridge false, sequential false, referMethod POST).
// The output always carries the list of nouns: a bare number becomes `[{ number }]`.
import { z } from "zod";
import { ZDialledNumber, ZDialNoun, ZNumberNoun } from "./dial-nouns";
import { eventList, RECORDING_STATUS_EVENTS, TRIM, ZDocumentUrl, ZMethodDefaultPost } from "./primitives";

export const MAX_DIAL_NOUNS = 10;
export const DIAL_RECORD = ["do-not-record", "record-from-answer", "record-from-ringing", "record-from-answer-dual", "record-from-ringing-dual"] as const;

export const ZDialVerb = z.strictObject({
  dial: z
    .union([ZDialledNumber.transform((number) => [ZNumberNoun.parse({ number })]), z.array(ZDialNoun).min(1).max(MAX_DIAL_NOUNS)])
    .meta({ description: "A phone number, or the nouns to ring: number, sip, client, conference, queue" }),
  action: ZDocumentUrl.optional().meta({ description: "Receives DialCallStatus when the dialled call ends; absent: the next verb runs" }),
  method: ZMethodDefaultPost,
  callerId: z.string().trim().min(1).max(128).optional(),
  timeout: z.number().int().min(1).max(600).default(30),
  timeLimit: z.number().int().min(1).max(14400).default(14400),
  hangupOnStar: z.boolean().default(false),
  answerOnBridge: z.boolean().default(false),
  sequential: z.boolean().default(false),
  ringTone: z.string().regex(/^[a-z]{2}(-old)?$/, { message: "must be a two-letter country code such as us or uk" }).optional(),
  record: z.enum(DIAL_RECORD).default("do-not-record"),
  trim: z.enum(TRIM).default("do-not-trim"),
  recordingTrack: z.enum(["both", "inbound", "outbound"]).default("both"),
  recordingStatusCallback: ZDocumentUrl.optional(),
  recordingStatusCallbackMethod: ZMethodDefaultPost,
  recordingStatusCallbackEvent: eventList(RECORDING_STATUS_EVENTS, ["completed"]),
  referUrl: ZDocumentUrl.optional().meta({ description: "Receives a SIP REFER sent by the called party" }),
  referMethod: ZMethodDefaultPost,
});
