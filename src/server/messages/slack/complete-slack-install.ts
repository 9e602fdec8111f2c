// Slack's OAuth v2 callback: the sealed state names the account (and expires after ten minutes); the code is
// exchanged at oauth.v2.access (form-encoded client_id, client_secret, code, redirect_uri) for the workspace's bot
// token, which is stored sealed. A workspace installed by another account is refused (one owner per team id).
import { recordAudit } from "@/server/audit/record-audit";
import { openSecret, sealSecret } from "@/server/crypto/secret-box";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { newId } from "@/server/shared/ids";
import type { Actor } from "@/server/tenancy";
import { slackEnv } from "./slack.schemas";
import { SLACK_WORKSPACE_SELECT, toSlackWorkspaceView, type SlackWorkspaceView } from "./slack-workspace-view";
import { slackRedirectUri } from "./start-slack-install";

interface OAuthAnswer {
  ok?: boolean;
  error?: string;
  access_token?: string;
  token_type?: string;
  bot_user_id?: string;
  team?: { id?: string; name?: string };
}

function readState(state: string): { tenantId: string; userId: string | null } {
  try {
    const s = JSON.parse(openSecret(state)) as { t: string; u: string | null; exp: number };
    if (typeof s.t !== "string" || !(s.exp > Date.now())) throw new Error("expired");
    return { tenantId: s.t, userId: s.u };
  } catch {
    throw new AppError("FORBIDDEN", "state: the install link is invalid or expired; start again from Settings → Channels");
  }
}

export async function completeSlackInstall(input: { code: string | null; state: string | null }): Promise<SlackWorkspaceView> {
  if (!input.state) throw new AppError("FORBIDDEN", "state: required");
  const who = readState(input.state);
  if (!input.code) throw new AppError("VALIDATION_FAILED", "code: required (the install was cancelled in Slack)");
  const e = slackEnv();
  if (!e.SLACK_CLIENT_ID || !e.SLACK_CLIENT_SECRET) throw new AppError("UNAVAILABLE", "Slack is not configured on this installation");
  const res = await fetch(`${e.SLACK_API_BASE_URL.replace(/\/$/, "")}/api/oauth.v2.access`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ client_id: e.SLACK_CLIENT_ID, client_secret: e.SLACK_CLIENT_SECRET, code: input.code, redirect_uri: slackRedirectUri() }),
    signal: AbortSignal.timeout(15_000),
  });
  const answer = (await res.json().catch(() => ({}))) as OAuthAnswer;
  if (!res.ok || !answer.ok || !answer.access_token || !answer.team?.id) throw new AppError("BAD_REQUEST", `code: Slack refused the install (${answer.error ?? res.status})`);
  const team = { id: answer.team.id, name: answer.team.name ?? answer.team.id };
  const token = answer.access_token;
  const actor: Actor = { tenantId: who.tenantId, userId: who.userId, role: "ADMIN", apiKeyId: null, impersonatorId: null, requestId: `slack-install:${team.id}` };
  const row = await db.$transaction(async (tx) => {
    const existing = await tx.slackWorkspace.findUnique({ where: { teamId: team.id }, select: { id: true, tenantId: true } });
    if (existing && existing.tenantId !== who.tenantId) throw new AppError("CONFLICT", `the Slack workspace ${team.name} is installed for another account`);
    const data = { teamName: team.name, botUserId: answer.bot_user_id ?? "", botTokenCipher: sealSecret(token), hint: token.slice(-4) };
    const saved = existing
      ? await tx.slackWorkspace.update({ where: { id: existing.id }, data, select: SLACK_WORKSPACE_SELECT })
      : await tx.slackWorkspace.create({ data: { id: newId("slk"), tenantId: who.tenantId, teamId: team.id, ...data }, select: SLACK_WORKSPACE_SELECT });
    await recordAudit(tx, actor, { action: existing ? "slack.workspace_reinstalled" : "slack.workspace_installed", targetType: "slack_workspace", targetId: saved.id, before: null, after: { teamId: team.id, teamName: team.name, hint: data.hint } });
    return saved;
  });
  return toSlackWorkspaceView(row);
}
