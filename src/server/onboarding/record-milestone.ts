import type { DbOrTx } from "@/server/db";

/** Getting-started steps. Each ticks once, the first time a tenant does it. */
export const MILESTONES = ["email_verified", "number_added", "test_call_made", "api_key_created", "teammate_invited"] as const;
export type MilestoneKey = (typeof MILESTONES)[number];

export async function recordMilestone(tx: DbOrTx, tenantId: string, key: MilestoneKey): Promise<void> {
  await tx.tenantMilestone.upsert({
    where: { tenantId_key: { tenantId, key } },
    create: { tenantId, key },
    update: {},
  });
}
