// The sources of a contact's timeline. Each gives its newest items before a point in time for the contact's
// identities; findContactTimeline merges them newest first. Messages join by adding a source here (kind
// "message", reading Message rows whose from/to is one of the identities) — nothing else changes.
import { db } from "@/server/db";

export interface TimelineIdentity {
  kind: string;
  value: string;
}

export interface TimelineItem {
  /** "call" | "voicemail" | (later) "message" */
  type: string;
  id: string;
  at: Date;
  /** What the portal shows for the item; a source's own shape. */
  data: Record<string, unknown>;
}

export interface TimelineSource {
  type: string;
  /** At most `limit` items strictly older than `before` (ties: id below `beforeId`), newest first. */
  load(tenantId: string, identities: TimelineIdentity[], before: { at: Date; id: string } | null, limit: number): Promise<TimelineItem[]>;
}

const phonesOf = (identities: TimelineIdentity[]) => identities.filter((i) => i.kind === "PHONE" || i.kind === "WHATSAPP").map((i) => i.value);
const olderThan = (field: string, before: { at: Date; id: string } | null) =>
  before ? { OR: [{ [field]: { lt: before.at } }, { [field]: before.at, id: { lt: before.id } }] } : {};

/** Every call from or to one of the contact's phones, with its recordings. */
export const callSource: TimelineSource = {
  type: "call",
  async load(tenantId, identities, before, limit) {
    const phones = phonesOf(identities);
    if (!phones.length) return [];
    const calls = await db.call.findMany({
      where: { tenantId, OR: [{ from: { in: phones } }, { to: { in: phones } }], ...olderThan("createdAt", before) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
      select: {
        id: true, direction: true, status: true, from: true, to: true, durationSeconds: true, createdAt: true, answeredBy: true,
        recordings: { where: { deletedAt: null }, select: { id: true, durationSeconds: true, status: true } },
      },
    });
    return calls.map((c) => ({
      type: "call",
      id: c.id,
      at: c.createdAt,
      data: { direction: c.direction, status: c.status, from: c.from, to: c.to, durationSeconds: c.durationSeconds, answeredBy: c.answeredBy, recordings: c.recordings },
    }));
  },
};

/** Voicemail the contact left. */
export const voicemailSource: TimelineSource = {
  type: "voicemail",
  async load(tenantId, identities, before, limit) {
    const phones = phonesOf(identities);
    if (!phones.length) return [];
    const voicemails = await db.voicemail.findMany({
      where: { tenantId, from: { in: phones }, ...olderThan("createdAt", before) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
      select: { id: true, from: true, to: true, callId: true, recordingId: true, durationSeconds: true, transcript: true, readAt: true, createdAt: true, box: { select: { name: true } } },
    });
    return voicemails.map((v) => ({
      type: "voicemail",
      id: v.id,
      at: v.createdAt,
      data: { from: v.from, to: v.to, callId: v.callId, recordingId: v.recordingId, durationSeconds: v.durationSeconds, transcript: v.transcript, read: v.readAt !== null, boxName: v.box.name },
    }));
  },
};

/** The sources in use; the messages domain appends its own. */
export const TIMELINE_SOURCES: TimelineSource[] = [callSource, voicemailSource];
