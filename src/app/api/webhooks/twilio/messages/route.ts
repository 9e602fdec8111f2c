// Twilio's inbound SMS/MMS for the platform's (or a tenant's own) numbers. Point a number's messaging webhook at <APP_URL>/api/webhooks/twilio/messages.
import { receiveProviderWebhook } from "@/server/messages/receive-provider-webhook";
import { withHttpMetrics } from "@/server/metrics/registry";

export const dynamic = "force-dynamic";

export const POST = withHttpMetrics("/api/webhooks/twilio/messages", async (req: Request) => {
  const answer = await receiveProviderWebhook("twilio-inbound", req);
  return new Response(answer.body, { status: answer.status, headers: { "content-type": answer.contentType } });
});
