import { z } from "zod";
import { createInvitation } from "@/server/invitations/create-invitation";
import { findPendingInvitations } from "@/server/invitations/find-pending-invitations";
import { ZCreateInvitationInput, ZRevokeInvitationInput } from "@/server/invitations/invitations.schemas";
import { revokeInvitation } from "@/server/invitations/revoke-invitation";
import { changeMemberRole } from "@/server/team/change-member-role";
import { findMembers } from "@/server/team/find-members";
import { removeMember } from "@/server/team/remove-member";
import { ZChangeMemberRoleInput, ZRemoveMemberInput } from "@/server/team/team.schemas";
import { createTRPCRouter, tenantProcedure } from "@/trpc/init";

const admin = tenantProcedure({ minRole: "ADMIN" });

export const teamRouter = createTRPCRouter({
  members: tenantProcedure().input(z.void()).query(({ ctx }) => findMembers(ctx.actor)),
  changeRole: admin.input(ZChangeMemberRoleInput).mutation(({ ctx, input }) => changeMemberRole(ctx.actor, input)),
  remove: admin.input(ZRemoveMemberInput).mutation(({ ctx, input }) => removeMember(ctx.actor, input.membershipId)),
  invitations: admin.input(z.void()).query(({ ctx }) => findPendingInvitations(ctx.actor)),
  invite: admin.input(ZCreateInvitationInput).mutation(({ ctx, input }) => createInvitation(ctx.actor, input)),
  revokeInvitation: admin.input(ZRevokeInvitationInput).mutation(({ ctx, input }) => revokeInvitation(ctx.actor, input.invitationId)),
});
