// Recordings in S3-compatible object storage (AWS S3, MinIO, Cloudflare R2, ...), through the official SDK.
// Uploads stream through @aws-sdk/lib-storage: one PutObject for small files, multipart above the part size,
// so a long recording is never held in memory whole.
import { Readable, Transform } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { AppError } from "@/server/errors";
import { assertStorageKey, type RecordingStore } from "@/server/recordings/recording-store";

export interface S3RecordingStoreOptions {
  bucket: string;
  /** Omit for AWS itself; set for S3-compatible services. */
  endpoint?: string;
  region: string;
  forcePathStyle?: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Multipart part size (S3's minimum, 5 MiB, by default). */
  partSize?: number;
}

function isNotFound(err: unknown): boolean {
  return err instanceof S3ServiceException && (err.$metadata.httpStatusCode === 404 || err.name === "NotFound" || err.name === "NoSuchKey");
}

export class S3RecordingStore implements RecordingStore {
  readonly kind = "s3" as const;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly partSize: number | undefined;

  constructor(opts: S3RecordingStoreOptions) {
    this.bucket = opts.bucket;
    this.partSize = opts.partSize;
    this.client = new S3Client({
      region: opts.region,
      endpoint: opts.endpoint,
      forcePathStyle: opts.forcePathStyle ?? Boolean(opts.endpoint),
      credentials: opts.credentials,
      // S3-compatible services vary in their support of the SDK's default flexible checksums (aws-chunked
      // trailers); with a custom endpoint, send checksums only where the API requires them.
      ...(opts.endpoint ? { requestChecksumCalculation: "WHEN_REQUIRED" as const, responseChecksumValidation: "WHEN_REQUIRED" as const } : {}),
    });
  }

  async put(key: string, body: Readable): Promise<{ sizeBytes: number }> {
    assertStorageKey(key);
    let sizeBytes = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _enc, done) {
        sizeBytes += chunk.length;
        done(null, chunk);
      },
    });
    body.on("error", (err) => counted.destroy(err));
    body.pipe(counted);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: counted, ContentType: "application/octet-stream" },
      queueSize: 2,
      leavePartsOnError: false,
      ...(this.partSize ? { partSize: this.partSize } : {}),
    });
    try {
      await upload.done();
    } catch (err) {
      // Release the source (the switch's file) and the counter, which the failed upload stopped reading.
      body.destroy();
      counted.destroy();
      throw err;
    }
    return { sizeBytes };
  }

  async getRange(key: string, start: number, end: number): Promise<Readable> {
    assertStorageKey(key);
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=${start}-${end}` }));
      if (!(res.Body instanceof Readable)) throw new AppError("INTERNAL", "S3 GetObject returned no Node stream");
      return res.Body;
    } catch (err) {
      if (isNotFound(err)) throw new AppError("NOT_FOUND", "recording media not found in storage");
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async size(key: string): Promise<number | null> {
    assertStorageKey(key);
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return res.ContentLength ?? null;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  destroy(): void {
    this.client.destroy();
  }
}
