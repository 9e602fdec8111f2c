// Resend's delivery reports (email.delivered, .delivery_delayed, .bounced, .complained, .failed) for broadcast
// recipients; signed by Svix with RESEND_WEBHOOK_SECRET. Point a Resend webhook at <APP_URL>/api/webhooks/resend.
import { receiveResendWebhook } from "@/server/broadcasts/receive-resend-webhook";
import { withHttpMetrics } from "@/server/metrics/registry";

export const dynamic = "force-dynamic";

export const POST = withHttpMetrics("/api/webhooks/resend", async (req: Request) => {
  const answer = await receiveResendWebhook({
    payload: await req.text(),
    headers: { id: req.headers.get("svix-id"), timestamp: req.headers.get("svix-timestamp"), signature: req.headers.get("svix-signature") },
  });
  return Response.json(answer.body, { status: answer.status });
});
