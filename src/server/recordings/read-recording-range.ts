// Serves a recording's WAV, whole or one byte range (the browser's <audio> seeks with Range requests): only the
// header and the chunks the range touches are read from storage and decrypted, as a stream.
import type { Readable } from "node:stream";
import { assertRole, type Actor } from "@/server/tenancy";
import { parseByteRange } from "@/server/recordings/byte-range";
import { decryptRecordingRange, findStoredRecording } from "@/server/recordings/recording-media";
import type { RecordingStore } from "@/server/recordings/recording-store";
import { RECORDING_READ_ROLE } from "@/server/recordings/recording-view";

export type RecordingMedia =
  | { status: 200 | 206; headers: Record<string, string>; body: Readable }
  | { status: 416; headers: Record<string, string>; body: null };

/** `range` is the request's Range header as sent (null for none). */
export async function readRecordingRange(actor: Actor, recordingId: string, range: string | null, opts: { store?: RecordingStore } = {}): Promise<RecordingMedia> {
  assertRole(actor, RECORDING_READ_ROLE);
  const recording = await findStoredRecording(actor.tenantId, recordingId);
  const size = recording.size;
  const headers: Record<string, string> = {
    "content-type": recording.contentType,
    "accept-ranges": "bytes",
    "cache-control": "private, no-store",
    "content-disposition": `inline; filename="${recording.id}.wav"`,
  };
  const wanted = parseByteRange(range, size);
  if (wanted.kind === "unsatisfiable") return { status: 416, headers: { ...headers, "content-range": `bytes */${size}` }, body: null };
  const [from, to] = wanted.kind === "partial" ? [wanted.start, wanted.end] : [0, size - 1];
  const body = await decryptRecordingRange(recording, from, to, opts);
  headers["content-length"] = String(to - from + 1);
  if (wanted.kind === "partial") {
    headers["content-range"] = `bytes ${from}-${to}/${size}`;
    return { status: 206, headers, body };
  }
  return { status: 200, headers, body };
}
