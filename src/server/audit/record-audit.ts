import type { DbOrTx } from "@/server/db";
import { newId } from "@/server/shared/ids";
import type { Actor } from "@/server/tenancy";

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** JSON-safe copy: BigInt to string, Dates to ISO, secrets never included by callers. */
function toJson(value: unknown): unknown {
  if (value === undefined) return undefined;
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)));
}

/** Writes one audit row. Call it inside the same transaction as the change it describes. */
/** Who an audit entry names: a member, a key, or staff acting on a tenant. */
export type AuditActor = Pick<Actor, "userId" | "apiKeyId" | "impersonatorId" | "requestId" | "ip"> & { tenantId: string | null };

export async function recordAudit(tx: DbOrTx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      id: newId("aud"),
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      actorApiKeyId: actor.apiKeyId,
      impersonatorId: actor.impersonatorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      before: toJson(entry.before) as never,
      after: toJson(entry.after) as never,
      ip: actor.ip ?? null,
      requestId: actor.requestId ?? null,
    },
  });
}
