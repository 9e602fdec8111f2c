import { z } from "zod";
import { createWebhookEndpoint } from "@/server/webhooks/create-webhook-endpoint";
import { deleteWebhookEndpoint } from "@/server/webhooks/delete-webhook-endpoint";
import { findWebhookDeliveries } from "@/server/webhooks/find-webhook-deliveries";
import { findWebhookEndpoints } from "@/server/webhooks/find-webhook-endpoints";
import { getWebhookDeliveryStats } from "@/server/webhooks/get-webhook-delivery-stats";
import { getWebhookEndpoint } from "@/server/webhooks/get-webhook-endpoint";
import { redeliverWebhook } from "@/server/webhooks/redeliver-webhook";
import { revealWebhookSecret } from "@/server/webhooks/reveal-webhook-secret";
import { rotateWebhookSecret } from "@/server/webhooks/rotate-webhook-secret";
import { sendTestWebhook } from "@/server/webhooks/send-test-webhook";
import { updateWebhookEndpoint } from "@/server/webhooks/update-webhook-endpoint";
import { WEBHOOK_ROLE } from "@/server/webhooks/webhook-endpoint-view";
import { getJobBacklog } from "@/server/webhooks/job-engine-status";
import { listWebhookEventTypes } from "@/server/webhooks/webhook-event-types";
import {
  ZCreateWebhookEndpointInput,
  ZFindWebhookDeliveriesInput,
  ZFindWebhookEndpointsInput,
  ZRedeliverWebhookInput,
  ZUpdateWebhookEndpointInput,
  ZWebhookDeliveryStatsInput,
  ZWebhookEndpointIdInput,
} from "@/server/webhooks/webhooks.schemas";
import { createTRPCRouter, tenantProcedure, secretRevealing } from "@/trpc/init";

const webhookAdmin = tenantProcedure(WEBHOOK_ROLE);

export const webhooksRouter = createTRPCRouter({
  eventTypes: webhookAdmin.input(z.void()).query(() => listWebhookEventTypes()),
  list: webhookAdmin.input(ZFindWebhookEndpointsInput).query(({ ctx, input }) => findWebhookEndpoints(ctx.actor, input)),
  get: webhookAdmin.input(ZWebhookEndpointIdInput).query(({ ctx, input }) => getWebhookEndpoint(ctx.actor, input)),
  create: webhookAdmin.use(secretRevealing).input(ZCreateWebhookEndpointInput).mutation(({ ctx, input }) => createWebhookEndpoint(ctx.actor, input)),
  update: webhookAdmin.input(ZUpdateWebhookEndpointInput).mutation(({ ctx, input }) => updateWebhookEndpoint(ctx.actor, input)),
  delete: webhookAdmin.input(ZWebhookEndpointIdInput).mutation(({ ctx, input }) => deleteWebhookEndpoint(ctx.actor, input)),
  revealSecret: webhookAdmin.use(secretRevealing).input(ZWebhookEndpointIdInput).mutation(({ ctx, input }) => revealWebhookSecret(ctx.actor, input)),
  rotateSecret: webhookAdmin.use(secretRevealing).input(ZWebhookEndpointIdInput).mutation(({ ctx, input }) => rotateWebhookSecret(ctx.actor, input)),
  sendTest: webhookAdmin.input(ZWebhookEndpointIdInput).mutation(({ ctx, input }) => sendTestWebhook(ctx.actor, input)),
  deliveries: webhookAdmin.input(ZFindWebhookDeliveriesInput).query(({ ctx, input }) => findWebhookDeliveries(ctx.actor, input)),
  deliveryStats: webhookAdmin.input(ZWebhookDeliveryStatsInput).query(({ ctx, input }) => getWebhookDeliveryStats(ctx.actor, input)),
  /** Which engine delivers (this app or Inngest) and how late this workspace's due deliveries are. */
  engineStatus: webhookAdmin.input(z.void()).query(({ ctx }) => getJobBacklog({ tenantId: ctx.actor.tenantId })),
  redeliver: webhookAdmin.input(ZRedeliverWebhookInput).mutation(({ ctx, input }) => redeliverWebhook(ctx.actor, input)),
});
