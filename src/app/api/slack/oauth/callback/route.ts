// Slack's OAuth v2 redirect after "Add to Slack": installs the workspace for the account named by the sealed state,
// then back to Settings → Channels with the outcome in the query.
import { env } from "@/env";
import { AppError } from "@/server/errors";
import { completeSlackInstall } from "@/server/messages/slack/complete-slack-install";
import { withHttpMetrics } from "@/server/metrics/registry";

export const dynamic = "force-dynamic";

export const GET = withHttpMetrics("/api/slack/oauth/callback", async (req: Request) => {
  const url = new URL(req.url);
  const back = new URL("/settings/channels", env.APP_URL);
  try {
    const ws = await completeSlackInstall({ code: url.searchParams.get("code"), state: url.searchParams.get("state") });
    back.searchParams.set("slack", "installed");
    back.searchParams.set("team", ws.teamName);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    back.searchParams.set("slack_error", e.message);
  }
  return Response.redirect(back.toString(), 303);
});
