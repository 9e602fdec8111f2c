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

/** A 16-bit PCM WAV: a 44-byte header, then `seconds` of a sine tone per channel. */
export function pcmWav(opts: { seconds: number; channels?: number; sampleRate?: number }): Buffer {
  const channels = opts.channels ?? 1;
  const sampleRate = opts.sampleRate ?? 8000;
  const frames = Math.round(opts.seconds * sampleRate);
  const dataBytes = frames * channels * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write("RIFF", 0, "ascii");
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write("WAVE", 8, "ascii");
  wav.write("fmt ", 12, "ascii");
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(channels, 22);
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * channels * 2, 28);
  wav.writeUInt16LE(channels * 2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write("data", 36, "ascii");
  wav.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels; c++) wav.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * (440 + 220 * c) * i) / sampleRate)), 44 + (i * channels + c) * 2);
  }
  return wav;
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
