// The write side of the live inbox: a NOTIFY on irisx_inbox_changed inside the changing transaction, so it is
// delivered only if (and when) the change commits. inbox-change-feed.ts fans it out to every open inbox of the tenant,
// in every app instance. Unlike call status (notify-call-changed.ts), inbox changes come at human rates, so the
// commit-time serialization of NOTIFY transactions costs nothing worth batching around.
import type { DbOrTx } from "@/server/db";

export const INBOX_CHANGED_CHANNEL = "irisx_inbox_changed";

export type InboxChangeKind = "message" | "updated" | "note" | "created";

export interface InboxChange {
  tenantId: string;
  conversationId: string;
  kind: InboxChangeKind;
  /** Members @mentioned by a note (their inbox tells them). */
  mentionUserIds?: string[];
}

export function encodeInboxChange(change: InboxChange): string {
  return JSON.stringify({ t: change.tenantId, c: change.conversationId, k: change.kind, ...(change.mentionUserIds?.length ? { m: change.mentionUserIds } : {}) });
}

/** The inverse of encodeInboxChange; null for anything else. */
export function decodeInboxChange(payload: string): InboxChange | null {
  try {
    const v = JSON.parse(payload) as { t?: unknown; c?: unknown; k?: unknown; m?: unknown };
    if (typeof v.t !== "string" || typeof v.c !== "string" || !["message", "updated", "note", "created"].includes(v.k as string)) return null;
    return { tenantId: v.t, conversationId: v.c, kind: v.k as InboxChangeKind, mentionUserIds: Array.isArray(v.m) ? v.m.filter((u): u is string => typeof u === "string") : [] };
  } catch {
    return null;
  }
}

/** Announces a change when the caller's transaction commits. */
export async function notifyInboxChanged(tx: DbOrTx, change: InboxChange): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${INBOX_CHANGED_CHANNEL}, ${encodeInboxChange(change)})`;
}

/**
 * The conversations of these messages are told their thread changed (a status moved: sent, delivered, read, failed),
 * in one statement; messages in no conversation (API sends to nobody who wrote) notify nobody.
 */
export async function notifyMessageConversations(tx: DbOrTx, messageIds: readonly string[]): Promise<void> {
  if (messageIds.length === 0) return;
  await tx.$executeRaw`
    SELECT pg_notify(${INBOX_CHANGED_CHANNEL}, json_build_object('t', "tenantId", 'c', "conversationId", 'k', 'message')::text)
    FROM (SELECT DISTINCT "tenantId", "conversationId" FROM "Message" WHERE id = ANY(${[...messageIds]}::text[]) AND "conversationId" IS NOT NULL) c`;
}
