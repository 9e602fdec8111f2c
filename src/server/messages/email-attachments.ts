// Email attachments, stored as recordings are: encrypted with the tenant's data key (recording-cipher.ts, chunked
// AES-GCM) in the recording store (local disk or S3), object key <tenant>/attachments/<attachment id>.irxr. The row
// (MessageAttachment) is written by the caller in its transaction; a blob whose row never commits is deleted.
import { Readable, pipeline } from "node:stream";
import { buffer } from "node:stream/consumers";
import { env } from "@/env";
import { AppError } from "@/server/errors";
import { getRecordingStore } from "@/server/recordings/get-recording-store";
import { decryptRecordingRange } from "@/server/recordings/recording-media";
import { ciphertextSize, createRecordingEncryptor } from "@/server/recordings/recording-cipher";
import { isRecordingStorageKind } from "@/server/recordings/recording-store";
import { getActiveDataKey } from "@/server/recordings/tenant-data-key";
import { newId } from "@/server/shared/ids";

/** One file, and all of a message's files together (decoded bytes); Resend takes up to 40 MB per email. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_TOTAL_BYTES = 25 * 1024 * 1024;
export const MAX_ATTACHMENTS = 10;

export interface StoredAttachmentBlob {
  id: string;
  tenantId: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  storage: string;
  storageKey: string;
  dataKeyId: string;
}

/** Encrypts and stores one attachment's bytes; the caller inserts the row (with the message id) in its transaction. */
export async function storeAttachmentBlob(tenantId: string, file: { filename: string; contentType: string; content: Buffer }): Promise<StoredAttachmentBlob> {
  const id = newId("ma");
  const store = getRecordingStore();
  const dataKey = await getActiveDataKey(tenantId, "recordings");
  const storageKey = `${tenantId}/attachments/${id}.irxr`;
  const encrypted = pipeline(Readable.from([file.content]), createRecordingEncryptor({ dataKey: dataKey.key, keyId: dataKey.id, plaintextSize: file.content.length }), () => {});
  const { sizeBytes } = await store.put(storageKey, encrypted);
  if (sizeBytes !== ciphertextSize(file.content.length, dataKey.id.length)) {
    await store.delete(storageKey);
    throw new AppError("INTERNAL", `stored ${sizeBytes} bytes for attachment ${id}: not what was written`);
  }
  return { id, tenantId, filename: file.filename, contentType: file.contentType, sizeBytes: file.content.length, storage: env.RECORDINGS_STORAGE, storageKey, dataKeyId: dataKey.id };
}

export async function deleteAttachmentBlobs(blobs: readonly Pick<StoredAttachmentBlob, "storage" | "storageKey">[]): Promise<void> {
  for (const b of blobs) if (isRecordingStorageKind(b.storage)) await getRecordingStore(b.storage).delete(b.storageKey);
}

/** The decrypted bytes of a stored attachment (its row, already checked to be the caller's tenant's). */
export async function openAttachmentBlob(a: StoredAttachmentBlob): Promise<Readable> {
  if (!isRecordingStorageKind(a.storage)) throw new AppError("INTERNAL", `attachment ${a.id} names an unknown store`);
  if (a.sizeBytes === 0) return Readable.from([]);
  return decryptRecordingRange({ id: a.id, tenantId: a.tenantId, size: a.sizeBytes, contentType: a.contentType, storage: a.storage, storageKey: a.storageKey, dataKeyId: a.dataKeyId }, 0, a.sizeBytes - 1);
}

export async function readAttachmentBlob(a: StoredAttachmentBlob): Promise<Buffer> {
  return buffer(await openAttachmentBlob(a));
}
