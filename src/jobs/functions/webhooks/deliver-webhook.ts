import { inngest } from "@/jobs/client";
import { webhookDeliveryRequested } from "@/jobs/events";
import { deliverWebhookAttempt, type DeliverWebhookAttemptOptions } from "@/server/webhooks/deliver-webhook-attempt";
import { disableFailingEndpoint } from "@/server/webhooks/disable-failing-endpoint";
import { markWebhookDeliveryFailed } from "@/server/webhooks/mark-webhook-delivery-failed";
import { delayBeforeAttempt, WEBHOOK_MAX_ATTEMPTS } from "@/server/webhooks/retry-schedule";

type AttemptOptions = Pick<DeliverWebhookAttemptOptions, "resolve" | "connectTimeoutMs" | "totalTimeoutMs">;

/**
 * Attempts one delivery on the retry schedule (immediately, 1 min, 5 min, ... 14 h) until it succeeds, the
 * endpoint is disabled or deleted, or the schedule runs out. After every failed attempt the endpoint's
 * failure run is checked, so a dead endpoint is switched off as soon as both thresholds are met.
 * A run resumed by the stuck-delivery sweeper starts at `firstAttempt`, at once (it is overdue); one run per
 * delivery at a time, so a resumed run never overlaps a slow original.
 * `attemptOptions` (timeouts, resolver) exist for tests; the served function uses the defaults.
 */
export function createDeliverWebhookFunction(attemptOptions: AttemptOptions = {}) {
  return inngest.createFunction(
    { id: "deliver-webhook", triggers: [webhookDeliveryRequested], singleton: { key: "event.data.deliveryId", mode: "skip" } },
    async ({ event, step }) => {
      const { deliveryId } = event.data;
      const firstAttempt = event.data.firstAttempt ?? 1;
      for (let n = firstAttempt; n <= WEBHOOK_MAX_ATTEMPTS; n++) {
        const delay = n > firstAttempt ? (delayBeforeAttempt(n) ?? 0) : 0;
        if (delay > 0) await step.sleep(`wait-before-attempt-${n}`, delay);
        const result = await step.run(`attempt-${n}`, () => {
          const nextDelay = delayBeforeAttempt(n + 1);
          return deliverWebhookAttempt(deliveryId, { ...attemptOptions, nextAttemptAt: nextDelay === null ? null : new Date(Date.now() + nextDelay) });
        });
        if (result.outcome === "skipped") {
          // The endpoint was switched off between attempts: stop retrying, as auto-disable does, so the row
          // does not stay RETRYING with nothing behind it.
          if (result.reason === "endpoint_disabled") await step.run("mark-failed", () => markWebhookDeliveryFailed(deliveryId));
          return { deliveryId, outcome: "skipped" as const, reason: result.reason };
        }
        if (result.outcome === "succeeded") return { deliveryId, outcome: "succeeded" as const, attempts: n };
        const { disabled } = await step.run(`check-endpoint-after-attempt-${n}`, () => disableFailingEndpoint(result.endpointId));
        if (disabled) break;
      }
      await step.run("mark-failed", () => markWebhookDeliveryFailed(deliveryId));
      return { deliveryId, outcome: "failed" as const };
    },
  );
}

export const deliverWebhook = createDeliverWebhookFunction();
