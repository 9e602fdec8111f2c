// What the portal sees of a connected Teams bot: never the client secret, only its last four.
export const TEAMS_BOT_SELECT = { id: true, appId: true, name: true, appTenantId: true, hint: true, createdAt: true } as const;

export interface TeamsBotView {
  id: string;
  appId: string;
  name: string;
  appTenantId: string;
  secretHint: string;
  /** The Azure Bot's messaging endpoint: the app's URL + this path. */
  messagingEndpointPath: string;
  createdAt: Date;
}

export function toTeamsBotView(r: { id: string; appId: string; name: string; appTenantId: string; hint: string; createdAt: Date }): TeamsBotView {
  return { id: r.id, appId: r.appId, name: r.name, appTenantId: r.appTenantId, secretHint: r.hint, messagingEndpointPath: `/api/webhooks/teams/${r.appId}`, createdAt: r.createdAt };
}
