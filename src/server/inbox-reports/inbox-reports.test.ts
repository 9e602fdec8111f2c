// The inbox reports against real PostgreSQL: a tenant's conversations placed around the day boundaries of Asia/Tokyo
// (UTC+9, no daylight saving) so every figure can be worked out by hand: opened and resolved per local day, median
// and p90 (PostgreSQL's percentile_cont: linear between ranks) of first response and resolution, per channel, per
// agent, and inbound messages by weekday and hour. Another tenant's conversation in the same hours counts nowhere.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { getInboxAgentReport } from "@/server/inbox-reports/get-inbox-agent-report";
import { getInboxChannelReport } from "@/server/inbox-reports/get-inbox-channel-report";
import { getInboxHoursReport } from "@/server/inbox-reports/get-inbox-hours-report";
import { getInboxVolumeReport } from "@/server/inbox-reports/get-inbox-volume-report";
import { newId, newSid } from "@/server/shared/ids";
import type { Actor } from "@/server/tenancy";
import { createTestTenant } from "@/test/factories";

// Wednesday 11 March 2026, 12:00 in Tokyo. Seven days: 5–11 March (Tokyo), from 4 March 15:00 UTC.
const NOW = new Date("2026-03-11T03:00:00Z");
const TOKYO = { days: 7, timeZone: "Asia/Tokyo" } as const;
const at = (iso: string) => new Date(iso);
const plus = (d: Date, s: number) => new Date(d.getTime() + s * 1000);

let supervisor: Actor;
let annId: string;
let bobId: string;

async function user(tenantId: string, name: string) {
  const id = newId("usr");
  await db.user.create({ data: { id, email: `${id}@example.test`, name, passwordHash: "x" } });
  await db.membership.create({ data: { id: newId("mem"), tenantId, userId: id, role: "AGENT" } });
  return id;
}

async function conversation(
  tenantId: string,
  c: { channel: "SMS" | "EMAIL"; assignee?: string; createdAt: Date; firstResponseS?: number; resolvedS?: number; inbound?: Date[]; outboundFirst?: boolean; resolvedAt?: Date },
) {
  const contactId = newId("ct");
  await db.contact.create({ data: { id: contactId, tenantId, displayName: "C", tags: [] } });
  const id = newId("cv");
  const firstResponseAt = c.outboundFirst ? c.createdAt : c.firstResponseS !== undefined ? plus(c.createdAt, c.firstResponseS) : null;
  const resolvedAt = c.resolvedAt ?? (c.resolvedS !== undefined ? plus(c.createdAt, c.resolvedS) : null);
  await db.conversation.create({
    data: {
      id, tenantId, contactId, channel: c.channel, inboxAddress: "in", contactAddress: "out", labels: [], assigneeUserId: c.assignee ?? null, createdAt: c.createdAt,
      lastMessageAt: c.createdAt, firstResponseAt, resolvedAt, status: resolvedAt ? "RESOLVED" : "OPEN",
    },
  });
  const message = (direction: "INBOUND" | "OUTBOUND", createdAt: Date) =>
    db.message.create({ data: { id: newSid("SM"), tenantId, channel: c.channel, direction, status: direction === "INBOUND" ? "RECEIVED" : "SENT", from: "a", to: "b", conversationId: id, createdAt } });
  if (c.outboundFirst) await message("OUTBOUND", c.createdAt);
  for (const when of c.inbound ?? (c.outboundFirst ? [] : [c.createdAt])) await message("INBOUND", when);
  if (firstResponseAt && !c.outboundFirst) await message("OUTBOUND", firstResponseAt);
  return id;
}

beforeAll(async () => {
  const t = await createTestTenant({ role: "SUPERVISOR" });
  supervisor = t.actor;
  const tenantId = t.tenant.id;
  annId = await user(tenantId, "Ann Agent");
  bobId = await user(tenantId, "Bob Agent");
  // c1: Tue 10 Mar 10:00 Tokyo, SMS, Ann; answered in 60 s, resolved after an hour; a second inbound at 10:20.
  await conversation(tenantId, { channel: "SMS", assignee: annId, createdAt: at("2026-03-10T01:00:00Z"), firstResponseS: 60, resolvedS: 3600, inbound: [at("2026-03-10T01:00:00Z"), at("2026-03-10T01:20:00Z")] });
  // c2: Tue 10 Mar 23:30 Tokyo, SMS, Ann; 180 s; resolved two hours later, on Wed 11 Mar 01:30 Tokyo.
  await conversation(tenantId, { channel: "SMS", assignee: annId, createdAt: at("2026-03-10T14:30:00Z"), firstResponseS: 180, resolvedS: 7200 });
  // c3: Tue 10 Mar 01:00 Tokyo (still 9 Mar in UTC), email, Bob; 300 s; open.
  await conversation(tenantId, { channel: "EMAIL", assignee: bobId, createdAt: at("2026-03-09T16:00:00Z"), firstResponseS: 300 });
  // c4: Wed 4 Mar 23:00 Tokyo, before the range; resolved Thu 5 Mar 10:00 Tokyo (a resolution in the range).
  await conversation(tenantId, { channel: "EMAIL", assignee: bobId, createdAt: at("2026-03-04T14:00:00Z"), firstResponseS: 30, resolvedAt: at("2026-03-05T01:00:00Z") });
  // c5: Fri 6 Mar 09:00 Tokyo, an email Bob started (no first response to measure); the contact wrote back at 10:00.
  await conversation(tenantId, { channel: "EMAIL", assignee: bobId, createdAt: at("2026-03-06T00:00:00Z"), outboundFirst: true, inbound: [at("2026-03-06T01:00:00Z")] });
  // c6: Wed 11 Mar 11:00 Tokyo, SMS, nobody's, unanswered.
  await conversation(tenantId, { channel: "SMS", createdAt: at("2026-03-11T02:00:00Z") });
  // c7: after "now": not yet.
  await conversation(tenantId, { channel: "SMS", assignee: annId, createdAt: at("2026-03-11T04:00:00Z"), firstResponseS: 1 });
  // Another tenant's conversation in the same hours.
  const other = await createTestTenant();
  await conversation(other.tenant.id, { channel: "SMS", createdAt: at("2026-03-10T01:00:00Z"), firstResponseS: 9999, resolvedS: 99999 });
});

describe("inbox reports", () => {
  it("counts conversations opened and resolved per day of the viewer's zone, and the range's medians and p90s", async () => {
    const report = await getInboxVolumeReport(supervisor, TOKYO, { now: NOW });
    expect(report.days).toEqual([
      { day: "2026-03-05", opened: 0, resolved: 1 },
      { day: "2026-03-06", opened: 1, resolved: 0 },
      { day: "2026-03-07", opened: 0, resolved: 0 },
      { day: "2026-03-08", opened: 0, resolved: 0 },
      { day: "2026-03-09", opened: 0, resolved: 0 },
      { day: "2026-03-10", opened: 3, resolved: 1 },
      { day: "2026-03-11", opened: 1, resolved: 1 },
    ]);
    // First responses 60, 180, 300 s: median 180, p90 180 + 0.8 × 120. Resolutions 3600, 7200 s: median 5400, p90 3600 + 0.9 × 3600.
    expect(report.totals).toEqual({ handled: 5, resolved: 2, firstResponseMedianS: 180, firstResponseP90S: 276, resolutionMedianS: 5400, resolutionP90S: 6840 });
  });

  it("in UTC the same conversations fall on other days", async () => {
    const report = await getInboxVolumeReport(supervisor, { days: 7, timeZone: "UTC" }, { now: NOW });
    expect(report.days.map((d) => d.day)).toEqual(["2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10", "2026-03-11"]);
    expect(report.days.find((d) => d.day === "2026-03-09")).toEqual({ day: "2026-03-09", opened: 1, resolved: 0 });
    expect(report.days.find((d) => d.day === "2026-03-10")).toEqual({ day: "2026-03-10", opened: 2, resolved: 2 });
    expect(report.days.find((d) => d.day === "2026-03-05")).toEqual({ day: "2026-03-05", opened: 0, resolved: 1 });
  });

  it("30 days reach back to c4 and give 30 rows", async () => {
    const report = await getInboxVolumeReport(supervisor, { days: 30, timeZone: "Asia/Tokyo" }, { now: NOW });
    expect(report.days).toHaveLength(30);
    expect(report.days[0]!.day).toBe("2026-02-10");
    expect(report.days.find((d) => d.day === "2026-03-04")).toEqual({ day: "2026-03-04", opened: 1, resolved: 0 });
    expect(report.totals.handled).toBe(6);
    // c4's 30 s joins the first responses: 30, 60, 180, 300.
    expect(report.totals.firstResponseMedianS).toBe(120);
  });

  it("per channel", async () => {
    expect(await getInboxChannelReport(supervisor, TOKYO, { now: NOW })).toEqual([
      { channel: "sms", handled: 3, resolved: 2, firstResponseMedianS: 120, firstResponseP90S: 168, resolutionMedianS: 5400, resolutionP90S: 6840 },
      { channel: "email", handled: 2, resolved: 0, firstResponseMedianS: 300, firstResponseP90S: 300, resolutionMedianS: null, resolutionP90S: null },
    ]);
  });

  it("per agent, the unassigned last", async () => {
    expect(await getInboxAgentReport(supervisor, TOKYO, { now: NOW })).toEqual([
      { userId: annId, name: "Ann Agent", handled: 2, resolved: 2, firstResponseMedianS: 120, firstResponseP90S: 168, resolutionMedianS: 5400, resolutionP90S: 6840 },
      { userId: bobId, name: "Bob Agent", handled: 2, resolved: 0, firstResponseMedianS: 300, firstResponseP90S: 300, resolutionMedianS: null, resolutionP90S: null },
      { userId: null, name: "Unassigned", handled: 1, resolved: 0, firstResponseMedianS: null, firstResponseP90S: null, resolutionMedianS: null, resolutionP90S: null },
    ]);
  });

  it("inbound messages by weekday (Monday first) and hour of the zone", async () => {
    const { counts, total } = await getInboxHoursReport(supervisor, TOKYO, { now: NOW });
    expect(total).toBe(6);
    const cells = counts.flatMap((hours, weekday) => hours.flatMap((n, hour) => (n ? [[weekday, hour, n]] : [])));
    // Tue 01:00 (c3), Tue 10:00 ×2 (c1), Tue 23:30 (c2), Wed 11:00 (c6), Fri 10:00 (c5's reply); outbound never counts.
    expect(cells).toEqual([[1, 1, 1], [1, 10, 2], [1, 23, 1], [2, 11, 1], [4, 10, 1]]);
  });

  it("agents may not read reports; bad input names its field", async () => {
    const agent: Actor = { ...supervisor, userId: annId, role: "AGENT" };
    await expect(getInboxVolumeReport(agent, TOKYO)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getInboxVolumeReport(supervisor, { days: 14 as 7, timeZone: "UTC" })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["days"] })] });
    await expect(getInboxVolumeReport(supervisor, { days: 7, timeZone: "Mars/Olympus" })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["timeZone"] })] });
  });
});
