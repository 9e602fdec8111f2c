// A member becomes an agent the first time their desktop (or a supervisor) asks: one row per member, offline.
import type { DbOrTx } from "@/server/db";
import { newId } from "@/server/shared/ids";

export async function ensureAgent(client: DbOrTx, tenantId: string, userId: string): Promise<{ id: string }> {
  const found = await client.agent.findUnique({ where: { tenantId_userId: { tenantId, userId } }, select: { id: true } });
  if (found) return found;
  return client.agent.upsert({ where: { tenantId_userId: { tenantId, userId } }, create: { id: newId("ag"), tenantId, userId }, update: {}, select: { id: true } });
}
