// Recordings on local disk under one root. Writes go to a temp file beside the target (same filesystem), are
// flushed to disk, then renamed into place, so a crash or a concurrent reader never sees half a file.
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "@/server/errors";
import { assertStorageKey, type RecordingStore } from "@/server/recordings/recording-store";

export class LocalRecordingStore implements RecordingStore {
  readonly kind = "local" as const;
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private file(key: string): string {
    assertStorageKey(key);
    return path.join(this.root, ...key.split("/"));
  }

  async put(key: string, body: Readable): Promise<{ sizeBytes: number }> {
    const file = this.file(key);
    // Until pipeline() below listens, a source failing meanwhile must not be an unhandled 'error' event;
    // pipeline still sees that the source errored and rejects.
    body.on("error", () => undefined);
    await mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
    const out = createWriteStream(temp, { flags: "wx", flush: true });
    try {
      await pipeline(body, out);
      await rename(temp, file);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    return { sizeBytes: out.bytesWritten };
  }

  async getRange(key: string, start: number, end: number): Promise<Readable> {
    const file = this.file(key);
    const size = await this.size(key);
    if (size === null) throw new AppError("NOT_FOUND", "recording media not found in storage");
    if (start < 0 || end < start || end >= size) throw new AppError("INTERNAL", `range ${start}-${end} is outside the ${size}-byte object ${key}`);
    return createReadStream(file, { start, end });
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await stat(this.file(key))).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
  }
}
