// Recordings in tests: a real PCM WAV written where the switch would leave it, a call to hang it on, and the
// recording taken through startRecording + ingestRecording into a local store in a temp folder.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { env } from "@/env";
import { db } from "@/server/db";
import { newSid } from "@/server/shared/ids";
import { ingestRecording } from "@/server/recordings/ingest-recording";
import { startRecording } from "@/server/recordings/start-recording";
import { buildWav } from "../../freeswitch/simulator/wav";

/** A 16-bit PCM WAV as the switch (simulator) writes it: a 44-byte header, then `seconds` of tones per channel. */
export function pcmWav(opts: { seconds: number; channels?: 1 | 2; sampleRate?: number }): Buffer {
  return buildWav(opts.seconds, opts.channels ?? 1, opts.sampleRate);
}

/** Points RECORDINGS_DIR and FREESWITCH_RECORDINGS_DIR at fresh temp folders (call before any store is used). */
export async function useTempRecordingDirs(): Promise<{ recordingsDir: string; switchDir: string }> {
  const root = await mkdtemp(path.join(tmpdir(), "irisx-rec-"));
  env.RECORDINGS_DIR = path.join(root, "store");
  env.FREESWITCH_RECORDINGS_DIR = path.join(root, "switch");
  await mkdir(env.FREESWITCH_RECORDINGS_DIR, { recursive: true });
  return { recordingsDir: env.RECORDINGS_DIR, switchDir: env.FREESWITCH_RECORDINGS_DIR };
}

export async function createTestCall(tenantId: string): Promise<{ id: string }> {
  return db.call.create({
    data: { id: newSid("CA"), tenantId, direction: "OUTBOUND_API", status: "COMPLETED", from: "+15005550006", to: "+15005550100", record: true },
    select: { id: true },
  });
}

/** Writes `wav` where the switch would, then records and ingests it like the worker does. */
export async function createTestRecording(tenantId: string, opts: { wav?: Buffer; callId?: string; chunkSize?: number } = {}) {
  const callId = opts.callId ?? (await createTestCall(tenantId)).id;
  const switchPath = path.join(env.FREESWITCH_RECORDINGS_DIR, tenantId, `${callId}.wav`);
  await mkdir(path.dirname(switchPath), { recursive: true });
  const wav = opts.wav ?? pcmWav({ seconds: 3, channels: 2 });
  await writeFile(switchPath, wav);
  const started = await startRecording({ tenantId, callId, channels: 2, switchPath });
  const recording = await ingestRecording({ recordingId: started.id }, { chunkSize: opts.chunkSize });
  return { recording, wav, callId, switchPath };
}
