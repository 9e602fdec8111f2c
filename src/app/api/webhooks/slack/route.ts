// Slack Events API: url_verification and event_callback, signed with X-Slack-Signature (v0) and a timestamp.
import { receiveSlackEvent } from "@/server/messages/slack/receive-slack-event";
import { withHttpMetrics } from "@/server/metrics/registry";

export const dynamic = "force-dynamic";

export const POST = withHttpMetrics("/api/webhooks/slack", async (req: Request) => {
  const a = await receiveSlackEvent(req);
  return new Response(a.body, { status: a.status, headers: { "content-type": a.contentType } });
});
