// An uploaded greeting: the WAV is checked (PCM, some audio, at most two minutes), encrypted with the tenant's
// recordings data key into the recording store, and recorded as the box's VoicemailGreeting, whose "RE…" id a
// document plays with `recording:<id>` (open-recording-audio.ts finds it). A previous greeting's object is removed
// once the new one is in place.
import { randomBytes } from "node:crypto";
import { Readable, pipeline } from "node:stream";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { recordAudit } from "@/server/audit/record-audit";
import { getRecordingStore } from "@/server/recordings/get-recording-store";
import { ciphertextSize, createRecordingEncryptor } from "@/server/recordings/recording-cipher";
import { isRecordingStorageKind, type RecordingStore } from "@/server/recordings/recording-store";
import { getActiveDataKey } from "@/server/recordings/tenant-data-key";
import { parseWavHeader, WavFormatError } from "@/server/recordings/wav-header";
import { newSid } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";
import { loadVoicemailBox } from "@/server/voicemail/voicemail-box-access";
import { VOICEMAIL_ADMIN_ROLE, type VoicemailBoxView } from "@/server/voicemail/voicemail-view";
import { MAX_GREETING_BYTES, ZSetVoicemailGreetingAudioInput, type TSetVoicemailGreetingAudioInput } from "@/server/voicemail/voicemail.schemas";

const MAX_GREETING_SECONDS = 120;
const PCM = 1;

const refuse = (message: string) => new AppError("VALIDATION_FAILED", `audio: ${message}`, { details: { fieldErrors: { audio: [message] } } });

function checkGreetingWav(bytes: Buffer): { durationSeconds: number } {
  if (bytes.length > MAX_GREETING_BYTES) throw refuse(`must be at most ${MAX_GREETING_BYTES / 1024 / 1024} MB`);
  let info;
  try {
    info = parseWavHeader(bytes.subarray(0, 64 * 1024), bytes.length);
  } catch (err) {
    if (err instanceof WavFormatError) throw refuse(`must be a WAV file (${err.message})`);
    throw err;
  }
  if (info.format !== PCM) throw refuse("must be uncompressed PCM WAV");
  if (info.dataBytes === 0) throw refuse("holds no audio");
  if (info.durationSeconds > MAX_GREETING_SECONDS) throw refuse(`must be at most ${MAX_GREETING_SECONDS} seconds long`);
  return { durationSeconds: Math.max(1, info.durationSeconds) };
}

export async function setVoicemailGreetingAudio(actor: Actor, rawInput: TSetVoicemailGreetingAudioInput, opts: { store?: RecordingStore } = {}): Promise<VoicemailBoxView> {
  if (!actor.apiKeyId) assertRole(actor, VOICEMAIL_ADMIN_ROLE);
  const input = ZSetVoicemailGreetingAudioInput.parse(rawInput);
  const box = await loadVoicemailBox(db, actor.tenantId, input.id);
  const bytes = Buffer.from(input.audioBase64, "base64");
  const { durationSeconds } = checkGreetingWav(bytes);

  const store = opts.store ?? getRecordingStore();
  const dataKey = await getActiveDataKey(actor.tenantId, "recordings");
  const greetingId = newSid("RE");
  const storageKey = `${actor.tenantId}/${greetingId}-${randomBytes(4).toString("hex")}.irxr`;
  const encryptor = createRecordingEncryptor({ dataKey: dataKey.key, keyId: dataKey.id, plaintextSize: bytes.length });
  const { sizeBytes: stored } = await store.put(storageKey, pipeline(Readable.from([bytes]), encryptor, () => {}));
  if (stored !== ciphertextSize(bytes.length, dataKey.id.length)) {
    await store.delete(storageKey);
    throw new AppError("INTERNAL", `stored ${stored} bytes for greeting ${greetingId}, expected ${ciphertextSize(bytes.length, dataKey.id.length)}`);
  }

  const previous = await db.$transaction(async (tx) => {
    const old = await tx.voicemailGreeting.findUnique({ where: { boxId: box.id } });
    if (old) await tx.voicemailGreeting.delete({ where: { id: old.id } });
    await tx.voicemailGreeting.create({
      data: { id: greetingId, tenantId: actor.tenantId, boxId: box.id, durationSeconds, sizeBytes: BigInt(bytes.length), storage: store.kind, storageKey, dataKeyId: dataKey.id },
    });
    await recordAudit(tx, actor, { action: "voicemail_box.greeting_uploaded", targetType: "voicemail_box", targetId: box.id, before: { greetingAudioId: old?.id ?? null }, after: { greetingAudioId: greetingId, durationSeconds } });
    return old;
  });
  if (previous) await removeGreetingObject(previous, opts.store);
  return loadVoicemailBox(db, actor.tenantId, box.id);
}

/** Removes a replaced or deleted greeting's stored bytes; a failure is logged (the row is already gone). */
export async function removeGreetingObject(greeting: { id: string; storage: string; storageKey: string }, store?: RecordingStore): Promise<void> {
  if (!isRecordingStorageKind(greeting.storage)) return;
  await (store ?? getRecordingStore(greeting.storage)).delete(greeting.storageKey).catch((err: unknown) => logger.warn({ err, greetingId: greeting.id }, "could not remove a voicemail greeting's stored audio"));
}
