// Media that runs beside or instead of the call flow: connect (hand the call's audio to a WebSocket server both ways
// until it closes the stream), start (a one-way stream or a recording in the background; the next verb runs at once)
// and stop (a named background stream or recording). Defaults: twilio.com/docs/voice/twiml/stream (track
// inbound_track, statusCallbackMethod POST), /recording (channels mono, track both, trim do-not-trim,
// recordingStatusCallbackMethod POST, recordingStatusCallbackEvent completed), /connect (method POST).
import { z } from "zod";
import { keyedUnion } from "./keyed-union";
import { eventList, RECORDING_STATUS_EVENTS, TRIM, ZDocumentUrl, ZMethodDefaultPost, ZName, ZParameters, ZWebSocketUrl } from "./primitives";

const stream = {
  stream: ZWebSocketUrl.meta({ description: "WebSocket server the call's audio is sent to" }),
  name: ZName.optional(),
  statusCallback: ZDocumentUrl.optional(),
  statusCallbackMethod: ZMethodDefaultPost,
  parameters: ZParameters.optional().meta({ description: "Custom parameters sent in the stream's start message" }),
};

/** connect streams both ways and only the caller's audio is sent, so there is no track to choose. */
export const ZConnectStreamNoun = z.strictObject(stream);

export const ZStartStreamNoun = z.strictObject({
  ...stream,
  track: z.enum(["inbound_track", "outbound_track", "both_tracks"]).default("inbound_track"),
});

export const ZStartRecordingNoun = z.strictObject({
  recording: z.literal(true),
  name: ZName.optional().meta({ description: "Needed to stop this recording with stop" }),
  channels: z.enum(["mono", "dual"]).default("mono"),
  track: z.enum(["inbound", "outbound", "both"]).default("both"),
  trim: z.enum(TRIM).default("do-not-trim"),
  recordingStatusCallback: ZDocumentUrl.optional(),
  recordingStatusCallbackMethod: ZMethodDefaultPost,
  recordingStatusCallbackEvent: eventList(RECORDING_STATUS_EVENTS, ["completed"]),
});

export const ZConnectVerb = z.strictObject({
  connect: ZConnectStreamNoun,
  action: ZDocumentUrl.optional().meta({ description: "Requested when the stream ends; absent: the next verb runs" }),
  method: ZMethodDefaultPost,
});

export const ZStartVerb = z.strictObject({
  start: keyedUnion({ stream: ZStartStreamNoun, recording: ZStartRecordingNoun }),
});

/** Without a name, stop ends every background stream (or recording) of the call. */
export const ZStopVerb = z.strictObject({
  stop: keyedUnion({
    stream: z.strictObject({ stream: z.literal(true), name: ZName.optional() }),
    recording: z.strictObject({ recording: z.literal(true), name: ZName.optional() }),
  }),
});
