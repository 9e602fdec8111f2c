// Telnyx messaging events (message.received, message.sent, message.finalized), Ed25519-signed.
import { receiveProviderWebhook } from "@/server/messages/receive-provider-webhook";
import { withHttpMetrics } from "@/server/metrics/registry";

export const dynamic = "force-dynamic";

export const POST = withHttpMetrics("/api/webhooks/telnyx/messages", async (req: Request) => {
  const answer = await receiveProviderWebhook("telnyx", req);
  return new Response(answer.body, { status: answer.status, headers: { "content-type": answer.contentType } });
});
