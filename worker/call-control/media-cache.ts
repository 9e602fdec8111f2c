// Audio the switch plays, as files this worker writes into FREESWITCH_MEDIA_DIR (a folder the switch reads at the
// same path, like the recordings folder). The switch itself never fetches a URL or opens a path a tenant chose:
//   - an http(s) URL is fetched here through the SSRF guard (guardedRequest: every hop and the connect-time DNS
//     answer checked), at most MAX_AUDIO_BYTES, WAV or MP3 by its first bytes, written atomically, and reused while
//     its HTTP caching headers allow (max-age/Expires; ETag/Last-Modified revalidation; no-store never reused);
//   - a tenant's own recording is decrypted into a one-off file (the read checks the tenant owns it).
// Files are per tenant; sweep() deletes those unused for a while.
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readFile, readdir, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Logger } from "@/server/logger";
import { describeRequestError, guardedRequest } from "@/server/webhooks/guarded-request";
import type { HostResolver } from "@/server/webhooks/ssrf-guard";

/** The largest audio file fetched (Twilio's <Play> accepts files of a few MB; 20 MB is minutes of WAV). */
export const MAX_AUDIO_BYTES = 20 * 1024 * 1024;
const CONNECT_TIMEOUT_MS = 5_000;
const TOTAL_TIMEOUT_MS = 15_000;

export type MediaResult = { ok: true; file: string } | { ok: false; reason: string };

interface CacheMeta {
  url: string;
  file: string;
  etag: string | null;
  lastModified: string | null;
  /** Reusable without asking the server again until then (ms since epoch). */
  freshUntil: number;
}

export interface MediaCacheOptions {
  dir: string;
  log: Logger;
  /** A tenant's completed recording as WAV, or null when it has none by that id (another tenant's included). */
  openRecording: (input: { tenantId: string; recordingId: string }) => Promise<Readable | null>;
  resolve?: HostResolver;
  now?: () => number;
}

/** The audio container by its first bytes; the switch plays WAV (mod_sndfile) and MP3 (mod_shout). */
export function audioExtension(head: Buffer): "wav" | "mp3" | null {
  if (head.length >= 12 && head.toString("ascii", 0, 4) === "RIFF" && head.toString("ascii", 8, 12) === "WAVE") return "wav";
  if (head.length >= 3 && head.toString("ascii", 0, 3) === "ID3") return "mp3";
  if (head.length >= 2 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0) return "mp3";
  return null;
}

/** How long a response may be reused without revalidation, from Cache-Control and Expires (RFC 9111, simplified). */
export function freshnessMs(headers: Record<string, string | string[] | undefined>, now: number): { reusable: boolean; freshMs: number } {
  const cacheControl = String(headers["cache-control"] ?? "").toLowerCase();
  if (/\bno-store\b/.test(cacheControl)) return { reusable: false, freshMs: 0 };
  if (/\bno-cache\b/.test(cacheControl)) return { reusable: true, freshMs: 0 };
  const maxAge = /\bmax-age=(\d+)/.exec(cacheControl);
  if (maxAge) return { reusable: true, freshMs: Number(maxAge[1]) * 1000 };
  const expires = typeof headers.expires === "string" ? Date.parse(headers.expires) : NaN;
  if (Number.isFinite(expires)) return { reusable: true, freshMs: Math.max(0, expires - now) };
  return { reusable: true, freshMs: 0 };
}

export class MediaCache {
  private readonly inFlight = new Map<string, Promise<MediaResult>>();
  private readonly now: () => number;

  constructor(private readonly opts: MediaCacheOptions) {
    this.now = opts.now ?? Date.now;
  }

  get dir(): string {
    return path.resolve(this.opts.dir);
  }

  /** A local file with the audio at `url`, fetched (or revalidated) now unless the cache may reuse it. */
  fromUrl(tenantId: string, url: string): Promise<MediaResult> {
    const key = createHash("sha256").update(`${tenantId}\n${url}`).digest("hex");
    const running = this.inFlight.get(key);
    if (running) return running;
    const work = this.fetchUrl(tenantId, url, key).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);
    return work;
  }

  /** The tenant's recording, decrypted into a one-off file. */
  async fromRecording(tenantId: string, recordingId: string): Promise<MediaResult> {
    const audio = await this.opts.openRecording({ tenantId, recordingId });
    if (!audio) return { ok: false, reason: `no completed recording ${recordingId} in this account` };
    const file = path.join(await this.tenantDir(tenantId), `rec-${recordingId}-${randomBytes(4).toString("hex")}.wav`);
    const partial = `${file}.part`;
    try {
      await pipeline(audio, createWriteStream(partial, { mode: 0o640 }));
      await rename(partial, file);
    } catch (err) {
      await rm(partial, { force: true });
      return { ok: false, reason: `the recording could not be read: ${err instanceof Error ? err.message : String(err)}` };
    }
    return { ok: true, file };
  }

  /** Deletes files not used for `maxAgeMs` (a played file is touched each time it is handed out). */
  async sweep(maxAgeMs: number): Promise<number> {
    let removed = 0;
    const cutoff = this.now() - maxAgeMs;
    const tenants = await readdir(this.dir).catch(() => [] as string[]);
    for (const tenant of tenants) {
      const dir = path.join(this.dir, tenant);
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        const file = path.join(dir, name);
        const info = await stat(file).catch(() => null);
        if (info && info.mtimeMs < cutoff) {
          await rm(file, { force: true });
          removed++;
        }
      }
    }
    return removed;
  }

  private async tenantDir(tenantId: string): Promise<string> {
    if (!/^[A-Za-z0-9_-]+$/.test(tenantId)) throw new Error(`unexpected tenant id ${tenantId}`);
    const dir = path.join(this.dir, tenantId);
    await mkdir(dir, { recursive: true });
    return dir;
  }

  private async fetchUrl(tenantId: string, url: string, key: string): Promise<MediaResult> {
    const dir = await this.tenantDir(tenantId);
    const metaFile = path.join(dir, `${key}.json`);
    const meta = await readFile(metaFile, "utf8")
      .then((text) => JSON.parse(text) as CacheMeta)
      .catch(() => null);
    const cached = meta && meta.url === url && (await stat(meta.file).catch(() => null)) ? meta : null;
    if (cached && cached.freshUntil > this.now()) return this.touch(cached.file);

    const headers: Record<string, string> = { Accept: "audio/wav, audio/x-wav, audio/mpeg, audio/*;q=0.8", "User-Agent": "IRISX-Voice/1.0" };
    if (cached?.etag) headers["If-None-Match"] = cached.etag;
    if (cached?.lastModified) headers["If-Modified-Since"] = cached.lastModified;
    let res;
    try {
      res = await guardedRequest({
        url,
        method: "GET",
        headers,
        resolve: this.opts.resolve,
        connectTimeoutMs: CONNECT_TIMEOUT_MS,
        totalTimeoutMs: TOTAL_TIMEOUT_MS,
        maxBodyBytes: MAX_AUDIO_BYTES,
        onLargeBody: "fail",
      });
    } catch (err) {
      return { ok: false, reason: `could not fetch ${url}: ${describeRequestError(err, TOTAL_TIMEOUT_MS)}` };
    }
    const freshness = freshnessMs(res.headers, this.now());
    if (res.statusCode === 304 && cached) {
      await writeFile(metaFile, JSON.stringify({ ...cached, freshUntil: this.now() + freshness.freshMs }));
      return this.touch(cached.file);
    }
    if (res.tooManyRedirects) return { ok: false, reason: `could not fetch ${url}: too many redirects` };
    if (res.statusCode < 200 || res.statusCode >= 300) return { ok: false, reason: `could not fetch ${url}: HTTP ${res.statusCode}` };
    const ext = audioExtension(res.body);
    if (!ext) return { ok: false, reason: `${url} is not WAV or MP3 audio (content-type ${String(res.headers["content-type"] ?? "none")})` };

    // no-store: a one-off file, never reused (sweep deletes it); otherwise the URL's own file, replaced atomically.
    const file = path.join(dir, freshness.reusable ? `${key}.${ext}` : `${key}-${randomBytes(4).toString("hex")}.${ext}`);
    const partial = `${file}.${randomBytes(4).toString("hex")}.part`;
    await writeFile(partial, res.body, { mode: 0o640 });
    await rename(partial, file);
    if (freshness.reusable) {
      const next: CacheMeta = {
        url,
        file,
        etag: typeof res.headers.etag === "string" ? res.headers.etag : null,
        lastModified: typeof res.headers["last-modified"] === "string" ? res.headers["last-modified"] : null,
        freshUntil: this.now() + freshness.freshMs,
      };
      await writeFile(metaFile, JSON.stringify(next));
    } else {
      await rm(metaFile, { force: true });
    }
    this.opts.log.debug({ tenantId, url, bytes: res.body.length, file }, "audio fetched for playback");
    return { ok: true, file };
  }

  private async touch(file: string): Promise<MediaResult> {
    const at = new Date(this.now());
    await utimes(file, at, at).catch(() => undefined);
    return { ok: true, file };
  }
}
