import { z } from "zod";
import { ZRequestPasswordResetInput, ZResetPasswordInput, ZSignUpInput, ZVerifyEmailInput } from "@/server/auth/auth.schemas";
import { requestPasswordReset } from "@/server/auth/request-password-reset";
import { resetPassword } from "@/server/auth/reset-password";
import { sendVerificationEmail } from "@/server/auth/send-verification-email";
import { signUp } from "@/server/auth/sign-up";
import { verifyEmail } from "@/server/auth/verify-email";
import { acceptInvitation } from "@/server/invitations/accept-invitation";
import { getInvitation } from "@/server/invitations/get-invitation";
import { ZAcceptInvitationInput, ZGetInvitationInput } from "@/server/invitations/invitations.schemas";
import { authedProcedure, createTRPCRouter, publicProcedure } from "@/trpc/init";

export const authRouter = createTRPCRouter({
  me: publicProcedure.query(async ({ ctx }) => (await ctx.getUser()) ?? null),
  signUp: publicProcedure.input(ZSignUpInput).mutation(async ({ ctx, input }) => {
    await signUp(input, { ip: ctx.ip });
    return { email: input.email };
  }),
  verifyEmail: publicProcedure.input(ZVerifyEmailInput).mutation(async ({ input }) => {
    await verifyEmail(input.token);
    return { ok: true as const };
  }),
  resendVerification: authedProcedure.input(z.void()).mutation(({ ctx }) => sendVerificationEmail(ctx.user.id, { ip: ctx.ip })),
  requestPasswordReset: publicProcedure.input(ZRequestPasswordResetInput).mutation(async ({ ctx, input }) => {
    await requestPasswordReset(input.email, { ip: ctx.ip });
    return { ok: true as const };
  }),
  resetPassword: publicProcedure.input(ZResetPasswordInput).mutation(({ input }) => resetPassword(input)),
  getInvitation: publicProcedure.input(ZGetInvitationInput).query(({ input }) => getInvitation(input.token)),
  acceptInvitation: publicProcedure.input(ZAcceptInvitationInput).mutation(async ({ ctx, input }) => {
    const user = await ctx.getUser();
    return acceptInvitation(input, user?.id ?? null);
  }),
});
