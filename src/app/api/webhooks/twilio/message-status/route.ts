// Twilio's message status callbacks (the sender asks for them on every message it sends).
import { receiveProviderWebhook } from "@/server/messages/receive-provider-webhook";
import { withHttpMetrics } from "@/server/metrics/registry";

export const dynamic = "force-dynamic";

export const POST = withHttpMetrics("/api/webhooks/twilio/message-status", async (req: Request) => {
  const answer = await receiveProviderWebhook("twilio-status", req);
  return new Response(answer.body, { status: answer.status, headers: { "content-type": answer.contentType } });
});
