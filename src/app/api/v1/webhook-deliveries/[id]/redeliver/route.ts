import { redeliverWebhookRoute } from "@/server/api/v1/webhook-deliveries";

export const POST = redeliverWebhookRoute.handle;
