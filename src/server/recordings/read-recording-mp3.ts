// A recording's audio as MP3 (Twilio's `Recordings/{Sid}.mp3`): the stored WAV decrypted and re-encoded as it
// streams. Whole files only: the length is not known before encoding, so a Range is answered with the whole file.
import { pipeline, type Readable } from "node:stream";
import { assertRole, type Actor } from "@/server/tenancy";
import { decryptRecordingRange, findStoredRecording } from "@/server/recordings/recording-media";
import type { RecordingStore } from "@/server/recordings/recording-store";
import { RECORDING_READ_ROLE } from "@/server/recordings/recording-view";
import { wavToMp3 } from "@/server/recordings/wav-to-mp3";

export async function readRecordingMp3(actor: Actor, recordingId: string, opts: { store?: RecordingStore } = {}): Promise<{ status: 200; headers: Record<string, string>; body: Readable }> {
  assertRole(actor, RECORDING_READ_ROLE);
  const recording = await findStoredRecording(actor.tenantId, recordingId);
  const wav = await decryptRecordingRange(recording, 0, recording.size - 1, opts);
  return {
    status: 200,
    headers: { "content-type": "audio/mpeg", "cache-control": "private, no-store", "content-disposition": `inline; filename="${recording.id}.mp3"`, "accept-ranges": "none" },
    body: pipeline(wav, wavToMp3(), () => {}),
  };
}
