// What dial calls: a number, a SIP URI, a client (a registered user), a conference room or a queue. Attributes and
// defaults as Twilio documents them: twilio.com/docs/voice/twiml/number, /sip, /client, /conference, /queue
// (method and statusCallbackMethod POST, statusCallbackEvent completed; machineDetectionTimeout 30 s; conference
// beep true, startConferenceOnEnter true, endConferenceOnExit false, muted false, maxParticipants 250, record
// do-not-record, trim trim-silence, waitMethod POST).
import { z } from "zod";
import { keyedUnion } from "./keyed-union";
import { CALL_PROGRESS_EVENTS, eventList, RECORDING_STATUS_EVENTS, TRIM, ZDocumentUrl, ZDtmfDigits, ZMethodDefaultPost, ZParameters } from "./primitives";

/** How the number is written (E.164 or national with separators); the dialler normalises it with the call's country. */
export const ZDialledNumber = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ().-]{1,30}$/, { message: "must be a phone number such as +14155550123 or 415-555-0123" })
  .refine((n) => n.replace(/\D/g, "").length <= 15, { message: "has more than 15 digits" });

/** sip:user@host[;params][?headers], as Twilio takes it (the `sip:` scheme may be left out). */
export const ZSipUri = z
  .string()
  .trim()
  .max(1024)
  .regex(/^(sips?:)?[^\s@:<>"]+@[^\s<>"]+$/i, { message: "must be a SIP URI such as sip:alice@example.com" });

/** The called leg: the document it runs when it answers (before being bridged) and its own progress callbacks. */
const calledLeg = {
  url: ZDocumentUrl.optional().meta({ description: "Document run on the called party when it answers, before the bridge (call screening, whisper)" }),
  method: ZMethodDefaultPost,
  statusCallback: ZDocumentUrl.optional(),
  statusCallbackEvent: eventList(CALL_PROGRESS_EVENTS, ["completed"]),
  statusCallbackMethod: ZMethodDefaultPost,
};

const machineDetection = {
  machineDetection: z.enum(["Enable", "DetectMessageEnd"]).optional(),
  machineDetectionTimeout: z.number().int().min(3).max(59).default(30),
  machineDetectionSpeechThreshold: z.number().int().min(1000).max(6000).default(2400),
  machineDetectionSpeechEndThreshold: z.number().int().min(500).max(5000).default(1200),
  machineDetectionSilenceTimeout: z.number().int().min(2000).max(10000).default(5000),
  amdStatusCallback: ZDocumentUrl.optional(),
  amdStatusCallbackMethod: ZMethodDefaultPost,
};

export const ZNumberNoun = z.strictObject({
  number: ZDialledNumber,
  sendDigits: ZDtmfDigits.optional().meta({ description: "DTMF sent once the number answers; w waits half a second" }),
  ...calledLeg,
  ...machineDetection,
});

export const ZSipNoun = z.strictObject({
  sip: ZSipUri,
  username: z.string().min(1).max(255).optional(),
  password: z.string().min(1).max(255).optional(),
  ...calledLeg,
  ...machineDetection,
});

export const ZClientNoun = z.strictObject({
  client: z.string().trim().min(1).max(256).meta({ description: "Identity of the client (a registered user)" }),
  parameters: ZParameters.optional(),
  ...calledLeg,
});

export const CONFERENCE_EVENTS = ["start", "end", "join", "leave", "mute", "hold", "modify", "speaker", "announcement"] as const;

export const ZConferenceNoun = z.strictObject({
  conference: z.string().trim().min(1).max(128).meta({ description: "Room name, unique within the account" }),
  muted: z.boolean().default(false),
  beep: z.enum(["true", "false", "onEnter", "onExit"]).default("true"),
  startConferenceOnEnter: z.boolean().default(true),
  endConferenceOnExit: z.boolean().default(false),
  waitUrl: ZDocumentUrl.optional().meta({ description: "Document (play/say/pause/redirect) run while waiting; absent: the platform's hold music" }),
  waitMethod: ZMethodDefaultPost,
  maxParticipants: z.number().int().min(2).max(250).default(250),
  record: z.enum(["do-not-record", "record-from-start"]).default("do-not-record"),
  trim: z.enum(TRIM).default("trim-silence"),
  coach: z.string().regex(/^CA[0-9a-f]{32}$/, { message: "must be a call id (CA…)" }).optional(),
  participantLabel: z.string().trim().min(1).max(128).optional(),
  statusCallback: ZDocumentUrl.optional(),
  statusCallbackEvent: z.array(z.enum(CONFERENCE_EVENTS)).max(CONFERENCE_EVENTS.length).optional(),
  statusCallbackMethod: ZMethodDefaultPost,
  recordingStatusCallback: ZDocumentUrl.optional(),
  recordingStatusCallbackMethod: ZMethodDefaultPost,
  recordingStatusCallbackEvent: eventList(RECORDING_STATUS_EVENTS, ["completed"]),
});

export const ZQueueNoun = z.strictObject({
  queue: z.string().trim().min(1).max(64).meta({ description: "Queue name: the caller at its front is bridged" }),
  url: ZDocumentUrl.optional().meta({ description: "Document run on the dequeued caller before the bridge (whisper)" }),
  method: ZMethodDefaultPost,
});

export const ZDialNoun = keyedUnion({ number: ZNumberNoun, sip: ZSipNoun, client: ZClientNoun, conference: ZConferenceNoun, queue: ZQueueNoun });
export type TDialNoun = z.output<typeof ZDialNoun>;
