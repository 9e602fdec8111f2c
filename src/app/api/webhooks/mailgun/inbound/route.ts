// Mailgun routes: forward(...) to <APP_URL>/api/webhooks/mailgun/inbound; signed with MAILGUN_WEBHOOK_SIGNING_KEY.
import { answerEmailWebhook } from "@/server/messages/answer-email-webhook";
import { receiveMailgunInbound } from "@/server/messages/receive-mailgun-inbound";
import { withHttpMetrics } from "@/server/metrics/registry";

export const dynamic = "force-dynamic";

export const POST = withHttpMetrics("/api/webhooks/mailgun/inbound", (req: Request) => answerEmailWebhook(req, (form) => receiveMailgunInbound(form)));
