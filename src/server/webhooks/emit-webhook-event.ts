// The outbox write. Features call this inside the transaction that makes the change, so an event exists if
// and only if the change committed; the relay (src/jobs/outbox-relay.ts) hands it to Inngest afterwards.
import type { Tx } from "@/server/db";
import { AppError } from "@/server/errors";
import { newId } from "@/server/shared/ids";
import { isWebhookEventType, type WebhookEventType } from "@/server/webhooks/webhook-event-types";

export interface EmitWebhookEventInput {
  tenantId: string;
  type: WebhookEventType;
  /** Snake_case JSON, as receivers will see it under `data`. */
  data: Record<string, unknown>;
}

export async function emitWebhookEvent(tx: Tx, input: EmitWebhookEventInput): Promise<{ id: string }> {
  if (!isWebhookEventType(input.type)) throw new AppError("INTERNAL", `unknown webhook event type ${String(input.type)}`);
  const id = newId("evt");
  await tx.webhookEvent.create({
    data: { id, tenantId: input.tenantId, type: input.type, payload: JSON.parse(JSON.stringify(input.data)) as never },
  });
  return { id };
}
