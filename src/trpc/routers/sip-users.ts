import { createSipUser } from "@/server/sip/create-sip-user";
import { deleteSipUser } from "@/server/sip/delete-sip-user";
import { findSipUsers } from "@/server/sip/find-sip-users";
import { revealSipUserPassword } from "@/server/sip/reveal-sip-user-password";
import { updateSipUser } from "@/server/sip/update-sip-user";
import { SIP_USER_ROLE } from "@/server/sip/sip-user-view";
import { ZCreateSipUserInput, ZFindSipUsersInput, ZSipUserIdInput, ZUpdateSipUserInput } from "@/server/sip/sip-users.schemas";
import { createTRPCRouter, tenantProcedure, secretRevealing } from "@/trpc/init";

const sipAdmin = tenantProcedure(SIP_USER_ROLE);

export const sipUsersRouter = createTRPCRouter({
  list: sipAdmin.input(ZFindSipUsersInput).query(({ ctx, input }) => findSipUsers(ctx.actor, input)),
  create: sipAdmin.use(secretRevealing).input(ZCreateSipUserInput).mutation(({ ctx, input }) => createSipUser(ctx.actor, input)),
  update: sipAdmin.input(ZUpdateSipUserInput).mutation(({ ctx, input }) => updateSipUser(ctx.actor, input)),
  delete: sipAdmin.input(ZSipUserIdInput).mutation(({ ctx, input }) => deleteSipUser(ctx.actor, input)),
  revealPassword: sipAdmin.use(secretRevealing).input(ZSipUserIdInput).mutation(({ ctx, input }) => revealSipUserPassword(ctx.actor, input)),
});
