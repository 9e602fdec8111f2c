import { z } from "zod";
import { ZPageInput } from "@/server/shared/paging";

/** Twilio-style recording sid: "RE" + 32 hex. */
export const ZRecordingId = z.string().regex(/^RE[0-9a-f]{32}$/, "must be a recording id (RE + 32 hex)");

export const ZStartRecordingInput = z.object({
  tenantId: z.string().min(1),
  callId: z.string().min(1),
  /** 2 for RECORD_STEREO (caller left, callee right). */
  channels: z.number().int().min(1).max(2).default(1),
  /** Where the switch writes the file, under FREESWITCH_RECORDINGS_DIR. */
  switchPath: z.string().min(1).max(1024),
});
export type TStartRecordingInput = z.input<typeof ZStartRecordingInput>;

export const ZIngestRecordingInput = z.object({
  recordingId: ZRecordingId,
  /** The finished file; the recording's switchPath when omitted. Relative paths are under FREESWITCH_RECORDINGS_DIR. */
  filePath: z.string().min(1).max(1024).optional(),
  /** Twilio's trim="trim-silence": the silence before the first sound and after the last is cut first. */
  trimSilence: z.boolean().optional(),
});
export type TIngestRecordingInput = z.input<typeof ZIngestRecordingInput>;

export const ZFailRecordingInput = z.object({
  recordingId: ZRecordingId,
  errorMessage: z.string().min(1).max(1000),
});
export type TFailRecordingInput = z.input<typeof ZFailRecordingInput>;

export const ZFindRecordingsInput = ZPageInput.extend({
  callId: z.string().min(1).max(64).optional(),
});
export type TFindRecordingsInput = z.input<typeof ZFindRecordingsInput>;

export const ZRecordingIdInput = z.object({ id: z.string().min(1).max(64) });
export type TRecordingIdInput = z.input<typeof ZRecordingIdInput>;

export const MAX_RETENTION_DAYS = 3650;

export const ZSetRecordingRetentionInput = z.object({
  /** Delete recordings this many days old; null keeps them forever. */
  days: z.number().int("whole days only").min(1, "at least 1 day").max(MAX_RETENTION_DAYS, `at most ${MAX_RETENTION_DAYS} days`).nullable(),
});
export type TSetRecordingRetentionInput = z.input<typeof ZSetRecordingRetentionInput>;

export const ZDeleteExpiredRecordingsInput = z.object({
  now: z.date().default(() => new Date()),
  batchSize: z.number().int().min(1).max(1000).default(100),
});
export type TDeleteExpiredRecordingsInput = z.input<typeof ZDeleteExpiredRecordingsInput>;

export const ZFindPendingRecordingsInput = z.object({
  /** Only recordings started before this (a recording still being written is not stuck). */
  startedBefore: z.date(),
  /** Only files under this folder (the worker's switch), e.g. FREESWITCH_RECORDINGS_DIR. */
  switchPathPrefix: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type TFindPendingRecordingsInput = z.input<typeof ZFindPendingRecordingsInput>;
