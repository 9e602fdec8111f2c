// WhatsApp Cloud API webhooks: GET is Meta's subscription check, POST carries messages and statuses (X-Hub-Signature-256).
import { receiveWhatsAppWebhook, verifyWhatsAppSubscription } from "@/server/messages/whatsapp/receive-whatsapp-webhook";
import { withHttpMetrics } from "@/server/metrics/registry";

export const dynamic = "force-dynamic";

const answer = (a: { status: number; contentType: string; body: string }) => new Response(a.body, { status: a.status, headers: { "content-type": a.contentType } });

export const GET = withHttpMetrics("/api/webhooks/whatsapp", async (req: Request) => answer(verifyWhatsAppSubscription(new URL(req.url))));

export const POST = withHttpMetrics("/api/webhooks/whatsapp", async (req: Request) => answer(await receiveWhatsAppWebhook(req)));
