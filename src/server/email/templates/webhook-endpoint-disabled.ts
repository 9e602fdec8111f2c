import { renderActionEmail, type RenderedEmail } from "@/server/email/templates/layout";

export function webhookEndpointDisabledTemplate(opts: { tenantName: string; endpointUrl: string; reason: string; url: string }): RenderedEmail {
  return renderActionEmail({
    subject: `Webhook endpoint disabled: ${opts.endpointUrl}`,
    greeting: "Hello,",
    paragraphs: [
      `We stopped sending webhooks for ${opts.tenantName} to ${opts.endpointUrl}.`,
      opts.reason,
      "Events created while the endpoint is disabled are not delivered to it. Fix the receiver, then enable the endpoint again and redeliver any events you need from its delivery log.",
    ],
    actionLabel: "Open the endpoint",
    actionUrl: opts.url,
    footnote: "You receive this because you are an owner of this IRISX account.",
  });
}
