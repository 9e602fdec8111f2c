// What the portal sees of an installed Slack workspace: never the bot token, only its last four.
export const SLACK_WORKSPACE_SELECT = { id: true, teamId: true, teamName: true, botUserId: true, hint: true, createdAt: true } as const;

export interface SlackWorkspaceView {
  id: string;
  teamId: string;
  teamName: string;
  botUserId: string;
  tokenHint: string;
  createdAt: Date;
}

export function toSlackWorkspaceView(r: { id: string; teamId: string; teamName: string; botUserId: string; hint: string; createdAt: Date }): SlackWorkspaceView {
  return { id: r.id, teamId: r.teamId, teamName: r.teamName, botUserId: r.botUserId, tokenHint: r.hint, createdAt: r.createdAt };
}
