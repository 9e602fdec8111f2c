// Synthesized speech kept as WAV files under <media folder>/tts/, named by the SHA-256 of what the audio depends
// on (tenant, provider, model, voice, language, text), so the same sentence is asked of a provider once. Writes are
// atomic (a .part file renamed), a hit touches the file, and past maxBytes the least recently used files go until
// the folder is at 90 % of it. The index of sizes is built from the folder once per process and kept up to date.
// The tenant is part of the key on purpose: a shared entry would let one tenant learn, from how fast its <Say>
// starts, that another spoke the same words (a one-time code, a name).
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { processState } from "@/server/shared/process-state";

export interface SpeechCacheKey {
  tenantId: string;
  provider: string;
  model: string;
  voice: string;
  language: string;
  text: string;
}

/** Files by size, in the order they were last used (a Map keeps insertion order: a use re-inserts). */
type LruIndex = Map<string, number>;

class SpeechAudioCache {
  private index: LruIndex | null = null;
  private loading: Promise<LruIndex> | null = null;
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(readonly dir: string) {}

  fileFor(key: SpeechCacheKey): string {
    const digest = createHash("sha256").update(JSON.stringify([key.tenantId, key.provider, key.model, key.voice, key.language, key.text])).digest("hex");
    return path.join(this.dir, `${digest}.wav`);
  }

  /** The cached file, touched, or null. */
  async get(file: string): Promise<string | null> {
    const info = await stat(file).catch(() => null);
    if (!info) {
      this.index?.delete(file);
      return null;
    }
    const now = new Date();
    await utimes(file, now, now).catch(() => undefined);
    const index = await this.load();
    index.delete(file);
    index.set(file, info.size);
    return file;
  }

  async put(file: string, audio: Buffer, maxBytes: number): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const partial = `${file}.${randomBytes(4).toString("hex")}.part`;
    await writeFile(partial, audio, { mode: 0o644 });
    await rename(partial, file);
    const index = await this.load();
    index.delete(file);
    index.set(file, audio.length);
    await this.evict(index, maxBytes, file);
  }

  /** One synthesis per key at a time in this process: a second caller waits for the first's answer. */
  once<T>(file: string, work: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(file) as Promise<T> | undefined;
    if (running) return running;
    const p = work().finally(() => this.inFlight.delete(file));
    this.inFlight.set(file, p);
    return p;
  }

  private async evict(index: LruIndex, maxBytes: number, keep: string): Promise<void> {
    let total = 0;
    for (const size of index.values()) total += size;
    if (total <= maxBytes) return;
    const target = Math.floor(maxBytes * 0.9);
    for (const [file, size] of [...index.entries()]) {
      if (total <= target) break;
      if (file === keep) continue;
      await rm(file, { force: true });
      index.delete(file);
      total -= size;
    }
  }

  private load(): Promise<LruIndex> {
    if (this.index) return Promise.resolve(this.index);
    this.loading ??= (async () => {
      const found: Array<{ file: string; size: number; usedAt: number }> = [];
      for (const name of await readdir(this.dir).catch(() => [] as string[])) {
        const file = path.join(this.dir, name);
        if (name.endsWith(".part")) {
          await rm(file, { force: true }); // left by a process that died mid-write
          continue;
        }
        const info = await stat(file).catch(() => null);
        if (info?.isFile()) found.push({ file, size: info.size, usedAt: info.mtimeMs }); // a hit touches the file
      }
      const index: LruIndex = new Map(found.sort((a, b) => a.usedAt - b.usedAt).map((f) => [f.file, f.size]));
      this.index = index;
      return index;
    })();
    return this.loading;
  }
}

/** The cache of one media folder (one per folder per process, so the size index is shared). */
export function speechAudioCache(mediaDir: string): SpeechAudioCache {
  const dir = path.resolve(mediaDir, "tts");
  const caches = processState("speech.audio-caches", () => new Map<string, SpeechAudioCache>());
  let cache = caches.get(dir);
  if (!cache) caches.set(dir, (cache = new SpeechAudioCache(dir)));
  return cache;
}
