import { z } from "zod";
import { endAllSessions } from "@/server/auth/session-version";
import { AppError } from "@/server/errors";
import { beginTotpEnrolment, confirmTotpEnrolment, disableTwoFactor, regenerateRecoveryCodes, twoFactorStatus } from "@/server/auth/two-factor/two-factor";
import { authedProcedure, createTRPCRouter } from "@/trpc/init";

const ZCode = z.object({ code: z.string().trim().min(1, "enter the code").max(32) });

/** The signed-in user's own second factor; never another user's, and never while impersonated. */
const ownUser = authedProcedure.use(({ ctx, next }) => {
  if (ctx.user.impersonatorId) throw new AppError("FORBIDDEN", "impersonation cannot change the user's second factor");
  return next({ ctx });
});

export const twoFactorRouter = createTRPCRouter({
  status: authedProcedure.query(async ({ ctx }) => ({ ...(await twoFactorStatus(ctx.user.id)), sessionUsedIt: Boolean(ctx.user.mfa) })),
  begin: ownUser.mutation(({ ctx }) => beginTotpEnrolment(ctx.user.id)),
  confirm: ownUser.input(ZCode).mutation(({ ctx, input }) => confirmTotpEnrolment(ctx.user.id, input.code, { requestId: ctx.requestId, ip: ctx.ip })),
  regenerateRecoveryCodes: ownUser.input(ZCode).mutation(({ ctx, input }) => regenerateRecoveryCodes(ctx.user.id, input.code, { requestId: ctx.requestId, ip: ctx.ip })),
  // Turning it off ends every session (this one too): a session signed in with the factor must not outlive it.
  disable: ownUser.input(ZCode).mutation(async ({ ctx, input }) => {
    const status = await disableTwoFactor(ctx.user.id, input.code, { requestId: ctx.requestId, ip: ctx.ip });
    await endAllSessions(ctx.user.id);
    return status;
  }),
});
