import type { Prisma } from "@/generated/prisma/client";
import type { DbOrTx } from "@/server/db";
import { newId } from "@/server/shared/ids";

/** One line in the conversation's thread saying what changed and who did it (null: the platform). */
export async function recordConversationActivity(
  tx: DbOrTx,
  entry: { tenantId: string; conversationId: string; actorUserId: string | null; kind: string; detail?: Record<string, unknown> },
): Promise<void> {
  await tx.conversationActivity.create({
    data: { id: newId("cva"), tenantId: entry.tenantId, conversationId: entry.conversationId, actorUserId: entry.actorUserId, kind: entry.kind, detail: (entry.detail ?? {}) as Prisma.InputJsonValue },
  });
}
