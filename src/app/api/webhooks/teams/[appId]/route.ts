// A connected Teams bot's messaging endpoint: Bot Framework Activities, each with the Bot Framework's bearer JWT.
import { receiveTeamsActivity } from "@/server/messages/teams/receive-teams-activity";
import { withHttpMetrics } from "@/server/metrics/registry";

export const dynamic = "force-dynamic";

export const POST = withHttpMetrics("/api/webhooks/teams/[appId]", async (req: Request, ctx: { params: Promise<{ appId: string }> }) => {
  const a = await receiveTeamsActivity((await ctx.params).appId, req);
  return new Response(a.body, { status: a.status, headers: { "content-type": a.contentType } });
});
