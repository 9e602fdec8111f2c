// Both media routes end to end through their App Router handlers: the REST route with an API key, and the
// portal's session route the <audio> element uses. Whole file, ranges, 416, another tenant, scopes, no session.
import { NextRequest } from "next/server";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/server/auth/session";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { createTestTenant } from "@/test/factories";
import { createTestRecording, pcmWav, useTempRecordingDirs } from "@/test/recording-fixtures";
import { GET as sessionMedia } from "@/app/api/recordings/[recordingId]/media/route";
import { GET as restMedia } from "@/app/api/v1/recordings/[id]/media/route";
import { DELETE as restDelete, GET as restGet } from "@/app/api/v1/recordings/[id]/route";
import { GET as restList } from "@/app/api/v1/recordings/route";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/server/auth/session", () => ({ getSessionUser: async () => session.user }));

const BASE = "http://localhost:3000";
const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });

let a: Awaited<ReturnType<typeof setup>>;
let wav: Buffer;

async function setup() {
  const owner = await createTestTenant({ name: "A" });
  wav = pcmWav({ seconds: 12, channels: 2 });
  const { recording, callId } = await createTestRecording(owner.tenant.id, { wav });
  const full = await createApiKey(owner.actor, { name: "all", scopes: ["recordings:read", "recordings:write"] });
  const readOnly = await createApiKey(owner.actor, { name: "calls", scopes: ["calls:read"] });
  return { ...owner, recording, callId, auth: `Bearer ${full.bearerToken}`, noScopeAuth: `Bearer ${readOnly.bearerToken}` };
}

beforeAll(async () => {
  await useTempRecordingDirs();
  a = await setup();
});
beforeEach(() => {
  session.user = null;
});

function rest(url: string, auth: string, headers: Record<string, string> = {}, method = "GET") {
  return new Request(`${BASE}${url}`, { method, headers: { authorization: auth, ...headers } });
}

async function bytes(res: Response) {
  return Buffer.from(await res.arrayBuffer());
}

describe("GET /api/v1/recordings/{id}/media", () => {
  const url = () => `/api/v1/recordings/${a.recording.id}/media`;

  it("streams the whole WAV with the media headers", async () => {
    const res = await restMedia(rest(url(), a.auth), params({ id: a.recording.id }));
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      "content-type": "audio/wav",
      "accept-ranges": "bytes",
      "cache-control": "private, no-store",
      "content-length": String(wav.length),
      "x-request-id": expect.any(String),
      "x-ratelimit-limit": expect.any(String),
    });
    expect((await bytes(res)).equals(wav)).toBe(true);
  });

  it("answers ranges with 206 and Content-Range: a-b, a- and -n", async () => {
    const n = wav.length;
    for (const [range, from, to] of [
      ["bytes=0-1023", 0, 1023],
      ["bytes=70000-200000", 70_000, 200_000],
      [`bytes=${n - 5000}-`, n - 5000, n - 1],
      ["bytes=-2048", n - 2048, n - 1],
    ] as const) {
      const res = await restMedia(rest(url(), a.auth, { range }), params({ id: a.recording.id }));
      expect(res.status, range).toBe(206);
      expect(res.headers.get("content-range"), range).toBe(`bytes ${from}-${to}/${n}`);
      expect(res.headers.get("content-length"), range).toBe(String(to - from + 1));
      expect((await bytes(res)).equals(wav.subarray(from, to + 1)), range).toBe(true);
    }
  });

  it("answers 416 with the size for a range past the end", async () => {
    const res = await restMedia(rest(url(), a.auth, { range: `bytes=${wav.length}-` }), params({ id: a.recording.id }));
    expect(res.status).toBe(416);
    expect(res.headers.get("content-range")).toBe(`bytes */${wav.length}`);
  });

  it("is not found for another tenant's key, and forbidden without recordings:read", async () => {
    const b = await createTestTenant({ name: "B" });
    const bKey = await createApiKey(b.actor, { name: "b", scopes: ["*"] });
    const other = await restMedia(rest(url(), `Bearer ${bKey.bearerToken}`), params({ id: a.recording.id }));
    expect(other.status).toBe(404);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");

    const noScope = await restMedia(rest(url(), a.noScopeAuth), params({ id: a.recording.id }));
    expect(noScope.status).toBe(403);
    expect(await noScope.json()).toMatchObject({ error: { code: "FORBIDDEN", details: { required_scope: "recordings:read" } } });
    expect((await restMedia(rest(url(), "Bearer irx_nope_nope"), params({ id: a.recording.id }))).status).toBe(401);
  });
});

describe("REST recordings resource", () => {
  it("lists (by call), retrieves and deletes, in snake_case; deleted media is gone", async () => {
    const list = await restList(rest(`/api/v1/recordings?call_id=${a.callId}`, a.auth));
    expect(list.status).toBe(200);
    const body = (await list.json()) as { data: Record<string, unknown>[]; has_more: boolean };
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({
      id: a.recording.id,
      call_id: a.callId,
      status: "completed",
      channels: 2,
      duration_seconds: 12,
      size_bytes: wav.length,
      media_url: `${BASE}/api/v1/recordings/${a.recording.id}/media`,
    });
    expect(((await (await restList(rest("/api/v1/recordings?call_id=CAnone", a.auth))).json()) as { data: unknown[] }).data).toEqual([]);

    const one = await restGet(rest(`/api/v1/recordings/${a.recording.id}`, a.auth), params({ id: a.recording.id }));
    expect(await one.json()).toMatchObject({ id: a.recording.id, status: "completed" });

    const { recording: doomed } = await createTestRecording(a.tenant.id);
    expect((await restDelete(rest(`/api/v1/recordings/${doomed.id}`, a.noScopeAuth, {}, "DELETE"), params({ id: doomed.id }))).status).toBe(403);
    const del = await restDelete(rest(`/api/v1/recordings/${doomed.id}`, a.auth, {}, "DELETE"), params({ id: doomed.id }));
    expect(del.status).toBe(200);
    expect(await del.json()).toMatchObject({ id: doomed.id, status: "deleted", media_url: null, deleted_at: expect.any(String) });
    expect((await restMedia(rest(`/api/v1/recordings/${doomed.id}/media`, a.auth), params({ id: doomed.id }))).status).toBe(404);
  });
});

describe("GET /api/recordings/{recordingId}/media (portal session)", () => {
  const sessionReq = (id: string, headers: Record<string, string> = {}) => new NextRequest(`${BASE}/api/recordings/${id}/media`, { headers });
  const asUser = (u: { id: string; email: string }) => ({ id: u.id, email: u.email, name: "x", isPlatformStaff: false, impersonatorId: null });

  it("401s without a session", async () => {
    const res = await sessionMedia(sessionReq(a.recording.id), params({ recordingId: a.recording.id }));
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBeNull();
  });

  it("streams to a member of the tenant, with ranges", async () => {
    session.user = asUser(a.user);
    const whole = await sessionMedia(sessionReq(a.recording.id), params({ recordingId: a.recording.id }));
    expect(whole.status).toBe(200);
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    expect(whole.headers.get("cache-control")).toBe("private, no-store");
    expect((await bytes(whole)).equals(wav)).toBe(true);
    const part = await sessionMedia(sessionReq(a.recording.id, { range: "bytes=100-199" }), params({ recordingId: a.recording.id }));
    expect(part.status).toBe(206);
    expect((await bytes(part)).equals(wav.subarray(100, 200))).toBe(true);
    expect((await sessionMedia(sessionReq(a.recording.id, { range: "bytes=-0" }), params({ recordingId: a.recording.id }))).status).toBe(416);
  });

  it("is not found for a member of another tenant, even naming the tenant in the cookie, and for a malformed id", async () => {
    const b = await createTestTenant({ name: "B" });
    session.user = asUser(b.user);
    const res = await sessionMedia(sessionReq(a.recording.id, { cookie: `irisx_tenant=${a.tenant.id}` }), params({ recordingId: a.recording.id }));
    expect(res.status).toBe(404);
    expect(JSON.stringify(await res.json())).not.toContain(a.tenant.id);
    expect((await sessionMedia(sessionReq("../../etc"), params({ recordingId: "../../etc" }))).status).toBe(404);
  });

  it("keeps agents out", async () => {
    const agent = await createTestTenant({ role: "AGENT" });
    const { recording } = await createTestRecording(agent.tenant.id);
    session.user = asUser(agent.user);
    expect((await sessionMedia(sessionReq(recording.id), params({ recordingId: recording.id }))).status).toBe(403);
  });
});
