// The recording store to use: local disk (RECORDINGS_DIR) or S3-compatible object storage (RECORDINGS_STORAGE=s3).
// A Recording row names its store, so recordings written before RECORDINGS_STORAGE changed are still read from
// where they are.
import { env } from "@/env";
import { AppError } from "@/server/errors";
import { processState } from "@/server/shared/process-state";
import { LocalRecordingStore } from "@/server/recordings/local-recording-store";
import type { RecordingStorageKind, RecordingStore } from "@/server/recordings/recording-store";
import { S3RecordingStore } from "@/server/recordings/s3-recording-store";

function create(kind: RecordingStorageKind): RecordingStore {
  if (kind === "local") return new LocalRecordingStore(env.RECORDINGS_DIR);
  if (!env.S3_BUCKET) throw new AppError("INTERNAL", "RECORDINGS_STORAGE=s3 needs S3_BUCKET (and S3_ENDPOINT for non-AWS storage)");
  return new S3RecordingStore({
    bucket: env.S3_BUCKET,
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === "1",
    credentials: env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY } : undefined,
  });
}

/** The store of that kind (the configured one by default), one per process. */
export function getRecordingStore(kind: RecordingStorageKind = env.RECORDINGS_STORAGE): RecordingStore {
  return processState(`recordings.store.${kind}`, () => create(kind));
}
