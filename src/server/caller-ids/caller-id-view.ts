import type { CallerId } from "@/generated/prisma/client";
import { db, type DbOrTx } from "@/server/db";
import { notFound } from "@/server/errors";

export interface CallerIdView {
  id: string;
  phoneNumber: string;
  friendlyName: string;
  /** verified: calls may show it; pending: a code was spoken and awaits entry; unverified: none is current. */
  status: "verified" | "pending" | "unverified";
  verifiedAt: Date | null;
  /** Until when the current code is accepted. */
  codeExpiresAt: Date | null;
  attemptsLeft: number;
  /** The call that spoke the current code (its progress shows whether it was answered). */
  verificationCallId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Wrong codes accepted against one spoken code before it is void. */
export const MAX_CODE_ATTEMPTS = 5;

export function toCallerIdView(row: CallerId, now = new Date()): CallerIdView {
  const pending = !row.verifiedAt && row.codeHash !== null && row.codeExpiresAt !== null && row.codeExpiresAt > now && row.codeAttempts < MAX_CODE_ATTEMPTS;
  return {
    id: row.id,
    phoneNumber: row.e164,
    friendlyName: row.friendlyName,
    status: row.verifiedAt ? "verified" : pending ? "pending" : "unverified",
    verifiedAt: row.verifiedAt,
    codeExpiresAt: pending ? row.codeExpiresAt : null,
    attemptsLeft: pending ? MAX_CODE_ATTEMPTS - row.codeAttempts : 0,
    verificationCallId: row.verificationCallId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The tenant's caller ID; another tenant's id is NOT_FOUND, exactly like a missing one. */
export async function loadTenantCallerId(client: DbOrTx = db, tenantId: string, id: string): Promise<CallerId> {
  const row = await client.callerId.findFirst({ where: { id, tenantId } });
  if (!row) throw notFound("caller ID");
  return row;
}
