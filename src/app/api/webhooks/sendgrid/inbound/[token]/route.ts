// SendGrid Inbound Parse: each verified sending domain's own URL (the token is its secret; see the domain's
// inboundParseUrl). Unsigned by SendGrid, so an unknown token is 404.
import { answerEmailWebhook } from "@/server/messages/answer-email-webhook";
import { receiveSendgridInbound } from "@/server/messages/receive-sendgrid-inbound";
import { withHttpMetrics } from "@/server/metrics/registry";

export const dynamic = "force-dynamic";

export const POST = withHttpMetrics("/api/webhooks/sendgrid/inbound/[token]", async (req: Request, ctx: { params: Promise<{ token: string }> }) => {
  const { token } = await ctx.params;
  return answerEmailWebhook(req, (form) => receiveSendgridInbound(token, form));
});
