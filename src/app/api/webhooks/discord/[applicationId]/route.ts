// Discord interactions for one connected application (its Interactions Endpoint URL), signed with Ed25519.
import { receiveDiscordInteraction } from "@/server/messages/discord/receive-discord-interaction";
import { withHttpMetrics } from "@/server/metrics/registry";

export const dynamic = "force-dynamic";

export const POST = withHttpMetrics("/api/webhooks/discord/[applicationId]", async (req: Request, ctx: { params: Promise<{ applicationId: string }> }) => {
  const a = await receiveDiscordInteraction(req, (await ctx.params).applicationId);
  return new Response(a.body, { status: a.status, headers: { "content-type": a.contentType } });
});
