// Lookups the box use-cases share: a box of the actor's tenant (another tenant's id is NOT_FOUND) and the check that
// a box's owner is a member of the tenant.
import { db, type DbOrTx } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import { VOICEMAIL_BOX_SELECT, toVoicemailBoxView, type VoicemailBoxView } from "@/server/voicemail/voicemail-view";

export async function loadVoicemailBox(tx: DbOrTx, tenantId: string, id: string): Promise<VoicemailBoxView> {
  const row = await tx.voicemailBox.findFirst({ where: { id, tenantId }, select: VOICEMAIL_BOX_SELECT });
  if (!row) throw notFound("voicemail box");
  return toVoicemailBoxView(row);
}

export async function assertBoxOwnerIsMember(tenantId: string, userId: string | null | undefined): Promise<void> {
  if (!userId) return;
  const member = await db.membership.findFirst({ where: { tenantId, userId }, select: { id: true } });
  if (!member) throw new AppError("VALIDATION_FAILED", "userId is not a member of this account", { details: { fieldErrors: { userId: ["is not a member of this account"] } } });
}
