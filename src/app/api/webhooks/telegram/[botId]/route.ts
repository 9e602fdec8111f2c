// Telegram Bot API updates for one connected bot, authenticated by X-Telegram-Bot-Api-Secret-Token.
import { receiveTelegramUpdate } from "@/server/messages/telegram/receive-telegram-update";
import { withHttpMetrics } from "@/server/metrics/registry";

export const dynamic = "force-dynamic";

export const POST = withHttpMetrics("/api/webhooks/telegram/[botId]", async (req: Request, ctx: { params: Promise<{ botId: string }> }) => {
  const a = await receiveTelegramUpdate(req, (await ctx.params).botId);
  return new Response(a.body, { status: a.status, headers: { "content-type": a.contentType } });
});
