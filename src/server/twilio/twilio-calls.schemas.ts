// The Twilio-compatible Calls API's parameters, under Twilio's names. Values are only shaped here (form fields
// are strings); the rules (E.164, URLs, ranges) are the calls domain's, applied by its use-cases, and their
// failures come back under these names with Twilio's codes (twilio-errors.ts).
import { z } from "zod";

/** A form field as text, and an HTTP method field (GET or POST, any case), shared by the Twilio forms. */
export const text = z.string().max(8192);
export const method = z
  .string()
  .transform((m) => m.toUpperCase())
  .pipe(z.enum(["GET", "POST"], { message: "must be GET or POST" }));

/** Parameters of Twilio's create that we cannot honour yet; sending one is a 400, not a silent no-op. */
export const UNSUPPORTED_CREATE_PARAMS = [
  "ApplicationSid",
  "RecordingStatusCallback",
  "SipAuthUsername",
  "SipAuthPassword",
  "CallToken",
  "Byoc",
] as const;

export const ZTwilioCreateCallForm = z.object({
  To: text.optional(),
  From: text.optional(),
  Url: text.optional(),
  Twiml: z.string().max(64 * 1024).optional(),
  Method: method.optional(),
  SendDigits: text.optional(),
  FallbackUrl: text.optional(),
  FallbackMethod: method.optional(),
  StatusCallback: text.optional(),
  StatusCallbackEvent: z.array(z.string()).optional(),
  StatusCallbackMethod: method.optional(),
  Timeout: z.number().optional(),
  TimeLimit: z.number().optional(),
  Record: z.boolean().optional(),
  // Accepted because they change nothing here: single-leg recordings are already what we store, and these tune
  // what we do not do.
  RecordingChannels: text.optional(),
  RecordingTrack: text.optional(),
  Trim: text.optional(),
  CallReason: text.optional(),
  // Answering-machine detection (src/server/calls/machine-detection.ts checks the values and ranges).
  MachineDetection: text.optional(),
  MachineDetectionTimeout: z.number().optional(),
  MachineDetectionSpeechThreshold: z.number().optional(),
  MachineDetectionSpeechEndThreshold: z.number().optional(),
  MachineDetectionSilenceTimeout: z.number().optional(),
  AsyncAmd: text.optional(),
  AsyncAmdStatusCallback: text.optional(),
  AsyncAmdStatusCallbackMethod: method.optional(),
  ...Object.fromEntries(UNSUPPORTED_CREATE_PARAMS.map((name) => [name, text.optional()])),
});

export const ZTwilioUpdateCallForm = z.object({
  Status: text.optional(),
  Url: text.optional(),
  Method: method.optional(),
  Twiml: z.string().max(64 * 1024).optional(),
  StatusCallback: text.optional(),
  StatusCallbackMethod: method.optional(),
  FallbackUrl: text.optional(),
  FallbackMethod: text.optional(),
  TimeLimit: z.number().optional(),
});

/** A `YYYY-MM-DD` day or an ISO 8601 instant, as twilio-node sends StartTime filters. */
const dateOrInstant = z.string().refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) || !Number.isNaN(Date.parse(v)), "must be a date (YYYY-MM-DD) or an ISO 8601 date-time");

export const ZTwilioListCallsQuery = z.object({
  To: text.optional(),
  From: text.optional(),
  Status: text.optional(),
  ParentCallSid: text.optional(),
  StartTime: dateOrInstant.optional(),
  "StartTime<": dateOrInstant.optional(),
  "StartTime>": dateOrInstant.optional(),
  EndTime: text.optional(),
  "EndTime<": text.optional(),
  "EndTime>": text.optional(),
  PageSize: z.coerce.number().int().min(1).max(1000).optional(),
  Page: z.coerce.number().int().min(0).optional(),
  PageToken: text.optional(),
});
export type TTwilioListCallsQuery = z.output<typeof ZTwilioListCallsQuery>;

