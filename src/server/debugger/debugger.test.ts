// The debugger against a real database: a tenant's error events (debugger.error and the older handler.failed and
// playback.failed, mapped to one shape) listed newest first with filters and cursor paging, counted per hour;
// another tenant's errors never appear, and its error id is no cursor.
import { beforeAll, describe, expect, it } from "vitest";
import { recordCallEvent } from "@/server/calls/record-call-event";
import { countDebuggerErrorsByHour } from "@/server/debugger/count-debugger-errors-by-hour";
import { findDebuggerErrors } from "@/server/debugger/find-debugger-errors";
import { describeTwilioErrorCode } from "@/server/debugger/twilio-error-codes";
import { db } from "@/server/db";
import { newSid } from "@/server/shared/ids";
import { createTestTenant } from "@/test/factories";

const T0 = new Date("2026-11-20T10:15:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

let a: Awaited<ReturnType<typeof createTestTenant>>;
let b: Awaited<ReturnType<typeof createTestTenant>>;
let callA1: string;
let callA2: string;
let bErrorId: string;

/** A finished call from before T0 (an event's time is never put before its call's). */
async function createTestCall(tenantId: string) {
  const before = at(-60);
  return db.call.create({
    data: { id: newSid("CA"), tenantId, direction: "OUTBOUND_API", status: "COMPLETED", from: "+15005550006", to: "+15005550100", createdAt: before, queuedAt: before },
    select: { id: true },
  });
}

beforeAll(async () => {
  a = await createTestTenant();
  b = await createTestTenant();
  callA1 = (await createTestCall(a.tenant.id)).id;
  callA2 = (await createTestCall(a.tenant.id)).id;
  const callB = (await createTestCall(b.tenant.id)).id;
  await recordCallEvent({ callId: callA1, type: "handler.failed", at: at(0), data: { code: 11200, message: "https://a.example.com/voice answered 500", url: "https://a.example.com/voice", httpStatus: 500 } });
  await recordCallEvent({ callId: callA1, type: "playback.failed", at: at(1), data: { source: "https://a.example.com/missing.wav", reason: "answered 404" } });
  await recordCallEvent({ callId: callA1, type: "dtmf", at: at(2), data: { digit: "1" } });
  await recordCallEvent({
    callId: callA2,
    type: "debugger.error",
    at: at(65),
    data: { code: 12200, message: "<Foo> is not a TwiML verb", verbIndex: 2, verb: "Foo", line: 4, column: 3, source: "document" },
  });
  await recordCallEvent({ callId: callA2, type: "debugger.error", at: at(70), data: { code: 11205, message: "timed out after 15 s", url: "https://a.example.com/next", source: "timeout" } });
  await recordCallEvent({ callId: callA2, type: "handler.failed", at: at(75), data: { code: 12100, message: "not well-formed XML at 3:1" } });
  await recordCallEvent({ callId: callB, type: "debugger.error", at: at(3), data: { code: 11200, message: "B's error", source: "fetch" } });
  bErrorId = (await findDebuggerErrors(b.actor, {})).items[0]!.id;
});

describe("findDebuggerErrors", () => {
  it("lists the tenant's errors newest first in one shape, with Twilio's title and link, and nothing else", async () => {
    const page = await findDebuggerErrors(a.actor, {});
    expect(page.items.map((e) => [e.code, e.source])).toEqual([
      [12100, "document"],
      [11205, "timeout"],
      [12200, "document"],
      [11200, "verb"],
      [11200, "fetch"],
    ]);
    expect(page.hasMore).toBe(false);
    const [parse, , schema, playback, fetch] = page.items;
    expect(parse).toMatchObject({ callId: callA2, title: "Document parse failure", moreInfo: "https://www.twilio.com/docs/api/errors/12100" });
    expect(schema).toMatchObject({ verbIndex: 2, verb: "Foo", line: 4, column: 3, message: "<Foo> is not a TwiML verb", title: "Schema validation warning" });
    expect(playback).toMatchObject({ verb: "play", url: "https://a.example.com/missing.wav", message: "Could not play https://a.example.com/missing.wav: answered 404" });
    expect(fetch).toMatchObject({ callId: callA1, httpStatus: 500, url: "https://a.example.com/voice", occurredAt: at(0) });
    expect(page.items.some((e) => e.message === "B's error")).toBe(false);
  });

  it("filters by code, call, source and time range", async () => {
    const codes = async (input: Parameters<typeof findDebuggerErrors>[1]) => (await findDebuggerErrors(a.actor, input)).items.map((e) => e.code);
    expect(await codes({ code: 11200 })).toEqual([11200, 11200]);
    expect(await codes({ callId: callA1 })).toEqual([11200, 11200]);
    expect(await codes({ source: "document" })).toEqual([12100, 12200]);
    expect(await codes({ source: "timeout" })).toEqual([11205]);
    expect(await codes({ from: at(60), to: at(72) })).toEqual([11205, 12200]);
    expect(await codes({ code: 11200, source: "fetch", callId: callA1 })).toEqual([11200]);
    expect(await codes({ callId: "CA" + "0".repeat(32) })).toEqual([]);
  });

  it("pages with the last error's id as the cursor, and refuses another tenant's error as a cursor", async () => {
    const first = await findDebuggerErrors(a.actor, { limit: 2 });
    expect(first.hasMore).toBe(true);
    const second = await findDebuggerErrors(a.actor, { limit: 2, cursor: first.nextCursor });
    const third = await findDebuggerErrors(a.actor, { limit: 2, cursor: second.nextCursor });
    expect([...first.items, ...second.items, ...third.items].map((e) => e.code)).toEqual([12100, 11205, 12200, 11200, 11200]);
    expect(third.hasMore).toBe(false);
    await expect(findDebuggerErrors(a.actor, { cursor: bErrorId })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("refuses a range that ends before it starts, naming the field", async () => {
    await expect(findDebuggerErrors(a.actor, { from: at(10), to: at(0) })).rejects.toThrow(/to must not be before from/);
  });

  it("is for supervisors and developers, not agents", async () => {
    await expect(findDebuggerErrors({ ...a.actor, role: "AGENT" }, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("countDebuggerErrorsByHour", () => {
  it("counts errors per UTC hour over the range, zeros included, with the list's filters", async () => {
    const hours = await countDebuggerErrorsByHour(a.actor, { from: new Date("2026-11-20T09:00:00Z"), to: new Date("2026-11-20T12:00:00Z") });
    expect(hours.map((h) => [h.hour.toISOString(), h.errors])).toEqual([
      ["2026-11-20T09:00:00.000Z", 0],
      ["2026-11-20T10:00:00.000Z", 2],
      ["2026-11-20T11:00:00.000Z", 3],
    ]);
    const documents = await countDebuggerErrorsByHour(a.actor, { from: new Date("2026-11-20T10:00:00Z"), to: new Date("2026-11-20T12:00:00Z"), source: "document" });
    expect(documents.map((h) => h.errors)).toEqual([0, 2]);
  });

  it("defaults to the last 24 hours", async () => {
    const hours = await countDebuggerErrorsByHour(a.actor, {}, { now: new Date("2026-11-21T10:30:00Z") });
    expect(hours).toHaveLength(24);
    expect(hours[23]!.hour.toISOString()).toBe("2026-11-21T10:00:00.000Z");
    expect(hours.reduce((n, h) => n + h.errors, 0)).toBe(3);
  });
});

describe("describeTwilioErrorCode", () => {
  it("names known codes and falls back to the verb's range", () => {
    expect(describeTwilioErrorCode(11200).title).toBe("HTTP retrieval failure");
    expect(describeTwilioErrorCode(13699).title).toBe("Record: invalid attribute");
    expect(describeTwilioErrorCode(99999)).toEqual({ code: 99999, title: "Application error", moreInfo: "https://www.twilio.com/docs/api/errors/99999" });
  });
});
