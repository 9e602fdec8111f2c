// Both stores against the same contract: whole-object writes, inclusive ranges, idempotent deletes, sizes.
// The S3 store talks to a local stand-in that checks every request's SigV4 signature.
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalRecordingStore } from "@/server/recordings/local-recording-store";
import type { RecordingStore } from "@/server/recordings/recording-store";
import { S3RecordingStore } from "@/server/recordings/s3-recording-store";
import { startS3StandIn, type S3StandIn } from "@/test/s3-stand-in";

let dir: string;
let s3: S3StandIn;
let s3Store: S3RecordingStore;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "irisx-recordings-"));
  s3 = await startS3StandIn();
  s3Store = new S3RecordingStore({ bucket: s3.bucket, endpoint: s3.endpoint, region: s3.region, credentials: s3.credentials, partSize: 5 * 1024 * 1024 });
});

afterAll(async () => {
  s3Store.destroy();
  await s3.close();
  await rm(dir, { recursive: true, force: true });
});

/** A stream that yields `bytes` in 100 KiB pieces, as a file or a cipher would. */
const streamOf = (bytes: Buffer) => Readable.from(Array.from({ length: Math.ceil(bytes.length / 102_400) }, (_, i) => bytes.subarray(i * 102_400, (i + 1) * 102_400)));

const stores: [string, () => RecordingStore][] = [
  ["local", () => new LocalRecordingStore(dir)],
  ["s3", () => s3Store],
];

describe.each(stores)("%s recording store", (_name, store) => {
  it("stores a stream and serves inclusive byte ranges of it", async () => {
    const bytes = randomBytes(300_000);
    const key = `tn_a/RE${randomBytes(16).toString("hex")}.irxr`;
    expect(await store().put(key, streamOf(bytes))).toEqual({ sizeBytes: bytes.length });
    expect(await store().size(key)).toBe(bytes.length);
    for (const [start, end] of [
      [0, 0],
      [0, bytes.length - 1],
      [1000, 70_000],
      [bytes.length - 10, bytes.length - 1],
    ] as const) {
      expect((await buffer(await store().getRange(key, start, end))).equals(bytes.subarray(start, end + 1))).toBe(true);
    }
  });

  it("replaces an object whole, and deletes idempotently", async () => {
    const key = `tn_a/RE${randomBytes(16).toString("hex")}.irxr`;
    await store().put(key, streamOf(randomBytes(5000)));
    await store().put(key, streamOf(Buffer.from("second")));
    expect((await buffer(await store().getRange(key, 0, 5))).toString()).toBe("second");
    await store().delete(key);
    expect(await store().size(key)).toBeNull();
    await store().delete(key);
    await expect(store().getRange(key, 0, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses keys that could escape their place", async () => {
    for (const key of ["../x", "/abs", "a/../../b", "a//b", ""]) await expect(store().put(key, streamOf(Buffer.from("x")))).rejects.toThrow(/bad recording storage key/);
  });
});

describe("local store", () => {
  it("leaves no temp file behind, and none at all when the source stream fails", async () => {
    const store = new LocalRecordingStore(dir);
    const failing = new Readable({
      read() {
        this.push(randomBytes(1000));
        this.destroy(new Error("switch file vanished"));
      },
    });
    await expect(store.put("tn_b/REfail.irxr", failing)).rejects.toThrow(/vanished/);
    expect(await store.size("tn_b/REfail.irxr")).toBeNull();
    expect((await readdir(path.join(dir, "tn_b"))).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe.each(stores)("%s store with a source that fails before it is read", (_name, store) => {
  it("rejects the put instead of crashing on an unhandled 'error' event", async () => {
    const source = new Readable({ read() {} });
    setImmediate(() => source.destroy(new Error("the switch file vanished")));
    await expect(store().put("tn_c/REgone.irxr", source)).rejects.toThrow();
    expect(await store().size("tn_c/REgone.irxr")).toBeNull();
  });
});

describe("S3 store", () => {
  it("uploads a large recording in parts (multipart), signed with SigV4", async () => {
    const bytes = randomBytes(11 * 1024 * 1024 + 17);
    const key = "tn_a/RElarge.irxr";
    s3.requests.length = 0;
    await s3Store.put(key, streamOf(bytes));
    expect(s3.objects.get(key)?.equals(bytes)).toBe(true);
    const parts = s3.requests.filter((r) => r.method === "PUT" && r.query.includes("partNumber"));
    expect(parts.length).toBe(3);
    for (const r of s3.requests) expect(r.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIASTANDIN00000000\/\d{8}\/us-east-1\/s3\/aws4_request, ?SignedHeaders=[^,]*host[^,]*, ?Signature=[0-9a-f]{64}$/);
    const tail = await buffer(await s3Store.getRange(key, bytes.length - 100, bytes.length - 1));
    expect(tail.equals(bytes.subarray(bytes.length - 100))).toBe(true);
    const get = s3.requests.findLast((r) => r.method === "GET");
    expect(get?.headers.range).toBe(`bytes=${bytes.length - 100}-${bytes.length - 1}`);
  });

  it("fails when the signature is wrong (the stand-in really checks it)", async () => {
    const wrong = new S3RecordingStore({ bucket: s3.bucket, endpoint: s3.endpoint, region: s3.region, credentials: { ...s3.credentials, secretAccessKey: "nope" } });
    await expect(wrong.put("tn_a/REx.irxr", streamOf(Buffer.from("x")))).rejects.toThrow(/signature/i);
    wrong.destroy();
  });
});
