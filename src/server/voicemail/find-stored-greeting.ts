import { db } from "@/server/db";
import type { StoredRecording } from "@/server/recordings/recording-media";
import { isRecordingStorageKind } from "@/server/recordings/recording-store";

/** A tenant's uploaded voicemail greeting, as the recording media code reads it; null when there is none. */
export async function findStoredGreeting(tenantId: string, greetingId: string): Promise<StoredRecording | null> {
  const greeting = await db.voicemailGreeting.findFirst({ where: { id: greetingId, tenantId } });
  if (!greeting || !isRecordingStorageKind(greeting.storage)) return null;
  return {
    id: greeting.id,
    tenantId,
    size: Number(greeting.sizeBytes),
    contentType: greeting.contentType,
    storage: greeting.storage,
    storageKey: greeting.storageKey,
    dataKeyId: greeting.dataKeyId,
  };
}
