// The write side of live call status: a use-case that changes calls calls this inside its transaction, and
// PostgreSQL delivers `NOTIFY irisx_call_changed, '<tenantId>:<callId>:<STATUS>'` when (and only if) the
// transaction commits. call-change-feed.ts is the listening side, one connection per app process.
import type { CallStatus } from "@/generated/prisma/client";
import type { DbOrTx } from "@/server/db";

export const CALL_CHANGED_CHANNEL = "irisx_call_changed";

export interface CallChange {
  tenantId: string;
  callId: string;
  status: CallStatus;
}

export function encodeCallChange(change: CallChange): string {
  return `${change.tenantId}:${change.callId}:${change.status}`;
}

/** The inverse of encodeCallChange; null for anything else (the channel is shared, so be strict). */
export function decodeCallChange(payload: string): CallChange | null {
  const match = /^([^:]+):(CA[0-9a-f]{32}):([A-Z_]+)$/.exec(payload);
  return match ? { tenantId: match[1]!, callId: match[2]!, status: match[3] as CallStatus } : null;
}

/** One statement for any number of changed calls (a batch of transitions from the worker, say). */
export async function notifyCallsChanged(tx: DbOrTx, changes: readonly CallChange[]): Promise<void> {
  if (changes.length === 0) return;
  const payloads = changes.map(encodeCallChange);
  await tx.$executeRaw`SELECT pg_notify(${CALL_CHANGED_CHANNEL}, payload) FROM unnest(${payloads}::text[]) AS payload`;
}
