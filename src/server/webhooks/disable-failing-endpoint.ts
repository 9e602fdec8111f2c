// Auto-disable: an endpoint that has failed without a single success for a sustained period is switched off,
// audited as a system action, and its tenant's owners are told by e-mail. Both thresholds must hold, so a
// burst of failures in a quiet hour, or one failure a day, does not trip it.
import { env } from "@/env";
import { recordAudit } from "@/server/audit/record-audit";
import { db } from "@/server/db";
import { sendEmail } from "@/server/email/send-email";
import { webhookEndpointDisabledTemplate } from "@/server/email/templates/webhook-endpoint-disabled";
import { logger } from "@/server/logger";

const AUTO_DISABLE_MIN_FAILING_MS = 24 * 60 * 60 * 1000;
const AUTO_DISABLE_MIN_CONSECUTIVE_FAILURES = 10;

export interface DisableFailingEndpointOptions {
  minFailingMs?: number;
  minConsecutiveFailures?: number;
  now?: Date;
}

export async function disableFailingEndpoint(endpointId: string, opts: DisableFailingEndpointOptions = {}): Promise<{ disabled: boolean }> {
  const now = opts.now ?? new Date();
  const minFailingMs = opts.minFailingMs ?? AUTO_DISABLE_MIN_FAILING_MS;
  const minFailures = opts.minConsecutiveFailures ?? AUTO_DISABLE_MIN_CONSECUTIVE_FAILURES;
  const failingBefore = new Date(now.getTime() - minFailingMs);
  const hours = Math.round(minFailingMs / 3_600_000);

  const disabled = await db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: endpointId } });
    if (!endpoint) return null;
    const reason = `Every delivery attempt failed for more than ${hours} hours (${endpoint.consecutiveFailures} attempts in a row).`;
    // Conditional update: of two concurrent checks, only one disables (and so only one e-mail goes out).
    const { count } = await tx.webhookEndpoint.updateMany({
      where: {
        id: endpointId,
        status: "ENABLED",
        failingSince: { lte: failingBefore },
        consecutiveFailures: { gte: minFailures },
      },
      data: { status: "DISABLED", disabledReason: reason, disabledAt: now },
    });
    if (count === 0) return null;
    await recordAudit(
      tx,
      { tenantId: endpoint.tenantId, userId: null, apiKeyId: null, impersonatorId: null },
      {
        action: "webhook_endpoint.auto_disabled",
        targetType: "webhook_endpoint",
        targetId: endpoint.id,
        before: { status: "ENABLED", failingSince: endpoint.failingSince, consecutiveFailures: endpoint.consecutiveFailures },
        after: { status: "DISABLED", disabledReason: reason },
      },
    );
    return { endpoint, reason };
  });
  if (!disabled) return { disabled: false };

  const { endpoint, reason } = disabled;
  const tenant = await db.tenant.findUnique({
    where: { id: endpoint.tenantId },
    select: { name: true, memberships: { where: { role: "OWNER" }, select: { user: { select: { email: true } } } } },
  });
  const mail = webhookEndpointDisabledTemplate({
    tenantName: tenant?.name ?? "your account",
    endpointUrl: endpoint.url,
    reason,
    url: new URL(`/settings/webhooks/${endpoint.id}`, env.APP_URL).toString(),
  });
  for (const owner of tenant?.memberships ?? []) {
    // One owner's bounced address must not keep the others from hearing about it.
    await sendEmail({ to: owner.user.email, ...mail }).catch((err: unknown) =>
      logger.warn({ err, endpointId, to: owner.user.email }, "could not e-mail an owner about a disabled webhook endpoint"),
    );
  }
  return { disabled: true };
}
