import { db } from "@/server/db";
import { toPage, type Page } from "@/server/shared/paging";
import { assertRole, type Actor } from "@/server/tenancy";
import { loadTenantWebhookEndpoint } from "@/server/webhooks/get-webhook-endpoint";
import { WEBHOOK_ROLE } from "@/server/webhooks/webhook-endpoint-view";
import { ZFindWebhookDeliveriesInput, type TFindWebhookDeliveriesInput } from "@/server/webhooks/webhooks.schemas";

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  eventCreatedAt: Date;
  status: "PENDING" | "RETRYING" | "SUCCEEDED" | "FAILED";
  attemptCount: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  succeededAt: Date | null;
  createdAt: Date;
  attempts: {
    id: string;
    attempt: number;
    manual: boolean;
    startedAt: Date;
    durationMs: number;
    statusCode: number | null;
    error: string | null;
    responseBody: string | null;
  }[];
}

/** The delivery log of one endpoint, newest first, each delivery with its attempts (oldest first). */
export async function findWebhookDeliveries(
  actor: Actor,
  input: TFindWebhookDeliveriesInput,
): Promise<Page<WebhookDeliveryView>> {
  assertRole(actor, WEBHOOK_ROLE);
  const { endpointId, status, cursor, limit } = ZFindWebhookDeliveriesInput.parse(input);
  await loadTenantWebhookEndpoint(db, actor.tenantId, endpointId);
  const rows = await db.webhookDelivery.findMany({
    where: { tenantId: actor.tenantId, endpointId, ...(status ? { status } : {}), ...(cursor ? { id: { lt: cursor } } : {}) },
    orderBy: { id: "desc" },
    take: limit + 1,
    include: {
      event: { select: { type: true, createdAt: true } },
      attempts: { orderBy: { startedAt: "asc" } },
    },
  });
  const page = toPage(rows, limit);
  return {
    ...page,
    items: page.items.map((d) => ({
      id: d.id,
      eventId: d.eventId,
      eventType: d.event.type,
      eventCreatedAt: d.event.createdAt,
      status: d.status,
      attemptCount: d.attemptCount,
      lastStatusCode: d.lastStatusCode,
      lastError: d.lastError,
      lastAttemptAt: d.lastAttemptAt,
      nextAttemptAt: d.nextAttemptAt,
      succeededAt: d.succeededAt,
      createdAt: d.createdAt,
      attempts: d.attempts.map((a) => ({
        id: a.id,
        attempt: a.attempt,
        manual: a.manual,
        startedAt: a.startedAt,
        durationMs: a.durationMs,
        statusCode: a.statusCode,
        error: a.error,
        responseBody: a.responseBody,
      })),
    })),
  };
}
