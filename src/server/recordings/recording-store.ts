// Where encrypted recordings live: the contract of local-recording-store.ts and s3-recording-store.ts
// (get-recording-store.ts picks one).
import type { Readable } from "node:stream";
import { AppError } from "@/server/errors";

export type RecordingStorageKind = "local" | "s3";

export interface RecordingStore {
  readonly kind: RecordingStorageKind;
  /** Writes the whole object; readers never see a partial one. Resolves with the bytes written. */
  put(key: string, body: Readable): Promise<{ sizeBytes: number }>;
  /** Bytes `[start, end]`, inclusive. Throws NOT_FOUND when the object is missing. */
  getRange(key: string, start: number, end: number): Promise<Readable>;
  /** Removes the object; a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** The object's size, or null when it does not exist. */
  size(key: string): Promise<number | null>;
}

/** Object keys are `<tenant id>/<recording id>.irxr`: plain, relative, no `..`. */
export function assertStorageKey(key: string): void {
  if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/.test(key) || key.split("/").some((part) => part === "." || part === "..")) {
    throw new AppError("INTERNAL", `bad recording storage key ${JSON.stringify(key)}`);
  }
}

export function recordingStorageKey(tenantId: string, recordingId: string): string {
  return `${tenantId}/${recordingId}.irxr`;
}

export function isRecordingStorageKind(value: string | null): value is RecordingStorageKind {
  return value === "local" || value === "s3";
}
