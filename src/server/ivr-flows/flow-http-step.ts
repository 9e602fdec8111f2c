// The HTTP step's request, sent as every request to a tenant's URL is: through the SSRF-guarded sender (public
// addresses only, checked at connect time and on every redirect), with the step's timeout; the answer is cut at the sender's limit (4 kB).
import { postWebhookRequest } from "@/server/webhooks/post-webhook-request";
import type { FlowHttpAnswer, FlowHttpRequest } from "./run-flow-step";

export async function sendFlowHttpStep(request: FlowHttpRequest): Promise<FlowHttpAnswer> {
  const res = await postWebhookRequest({
    url: request.url,
    method: request.method,
    headers: { accept: "application/json", ...(request.body !== null ? { "content-type": "application/json" } : {}), "user-agent": "IRISX-Flow/1.0" },
    body: request.body ?? "",
    connectTimeoutMs: Math.min(request.timeoutSeconds * 1000, 5000),
    totalTimeoutMs: request.timeoutSeconds * 1000,
  });
  return { status: res.error && res.statusCode === null ? null : res.statusCode, body: res.responseBody };
}
