import { db } from "@/server/db";

/** After the last scheduled attempt: the delivery stops retrying; a person can still redeliver it. */
export async function markWebhookDeliveryFailed(deliveryId: string): Promise<void> {
  await db.webhookDelivery.updateMany({
    where: { id: deliveryId, status: { in: ["PENDING", "RETRYING"] } },
    data: { status: "FAILED", nextAttemptAt: null },
  });
}
