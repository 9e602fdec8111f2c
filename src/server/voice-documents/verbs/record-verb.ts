// record: record the caller (voicemail style) until silence, a key, the maximum length or a hang-up. Attributes and
// defaults: twilio.com/docs/voice/twiml/record (method POST, timeout 5, finishOnKey 1234567890*#, maxLength 3600,
// playBeep true, trim trim-silence, recordingStatusCallbackMethod POST, recordingStatusCallbackEvent completed,
// transcribe false). `action` absent: TwiML posts to the document's own URL, JSON goes on with the next verb.
import { z } from "zod";
import { eventList, RECORDING_STATUS_EVENTS, TRIM, ZDocumentUrl, ZFinishKeys, ZMethodDefaultPost } from "./primitives";

export const ZRecordVerb = z.strictObject({
  record: z.literal(true),
  action: ZDocumentUrl.optional().meta({ description: "Receives RecordingUrl, RecordingDuration and Digits when the recording ends" }),
  method: ZMethodDefaultPost,
  /** Seconds of silence that end the recording; 0: silence never does. */
  timeout: z.number().int().min(0).max(3600).default(5),
  finishOnKey: ZFinishKeys.default("1234567890*#"),
  maxLength: z.number().int().min(1).max(14400).default(3600),
  playBeep: z.boolean().default(true),
  trim: z.enum(TRIM).default("trim-silence"),
  recordingStatusCallback: ZDocumentUrl.optional(),
  recordingStatusCallbackMethod: ZMethodDefaultPost,
  recordingStatusCallbackEvent: eventList(RECORDING_STATUS_EVENTS, ["completed"]),
  transcribe: z.boolean().default(false),
  transcribeCallback: ZDocumentUrl.optional(),
});
