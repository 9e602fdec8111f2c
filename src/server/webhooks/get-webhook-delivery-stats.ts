import { db } from "@/server/db";
import { assertRole, type Actor } from "@/server/tenancy";
import { loadTenantWebhookEndpoint } from "@/server/webhooks/get-webhook-endpoint";
import { WEBHOOK_ROLE } from "@/server/webhooks/webhook-endpoint-view";
import { ZWebhookDeliveryStatsInput, type TWebhookDeliveryStatsInput } from "@/server/webhooks/webhooks.schemas";

export interface WebhookAttemptHour {
  /** Start of the hour. */
  hour: Date;
  succeeded: number;
  failed: number;
}

/** Attempts to one endpoint over the last 24 hours, per hour, for the portal's chart. */
export async function getWebhookDeliveryStats(actor: Actor, input: TWebhookDeliveryStatsInput, now: Date = new Date()): Promise<WebhookAttemptHour[]> {
  assertRole(actor, WEBHOOK_ROLE);
  const { endpointId } = ZWebhookDeliveryStatsInput.parse(input);
  await loadTenantWebhookEndpoint(db, actor.tenantId, endpointId);
  const currentHour = Math.floor(now.getTime() / 3_600_000) * 3_600_000;
  const since = new Date(currentHour - 23 * 3_600_000);
  const rows = await db.$queryRaw<{ hour: Date; succeeded: bigint; failed: bigint }[]>`
    SELECT date_trunc('hour', a."startedAt") AS hour,
           count(*) FILTER (WHERE a."statusCode" BETWEEN 200 AND 299) AS succeeded,
           count(*) FILTER (WHERE a."statusCode" IS NULL OR a."statusCode" NOT BETWEEN 200 AND 299) AS failed
    FROM "WebhookAttempt" a
    JOIN "WebhookDelivery" d ON d."id" = a."deliveryId"
    WHERE a."tenantId" = ${actor.tenantId} AND d."endpointId" = ${endpointId} AND a."startedAt" >= ${since}
    GROUP BY 1`;
  const byHour = new Map(rows.map((r) => [new Date(r.hour).getTime(), r]));
  return Array.from({ length: 24 }, (_, i) => {
    const hour = currentHour - (23 - i) * 3_600_000;
    const row = byHour.get(hour);
    return { hour: new Date(hour), succeeded: Number(row?.succeeded ?? 0), failed: Number(row?.failed ?? 0) };
  });
}
