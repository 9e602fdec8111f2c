import { db } from "@/server/db";
import { INBOX_ROLE } from "@/server/inbox/conversation-view";
import { assertRole, type Actor } from "@/server/tenancy";

export interface InboxTeamView {
  id: string;
  name: string;
  members: { userId: string; name: string }[];
}

export async function findInboxTeams(actor: Actor): Promise<InboxTeamView[]> {
  assertRole(actor, INBOX_ROLE);
  const teams = await db.inboxTeam.findMany({
    where: { tenantId: actor.tenantId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, members: { select: { userId: true, user: { select: { name: true } } } } },
  });
  return teams.map((t) => ({ id: t.id, name: t.name, members: t.members.map((m) => ({ userId: m.userId, name: m.user.name })) }));
}
