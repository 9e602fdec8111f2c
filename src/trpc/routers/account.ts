import { z } from "zod";
import { getTwilioAccount } from "@/server/account/get-twilio-account";
import { getTwilioCredentials } from "@/server/account/get-twilio-credentials";
import { rotateAuthToken } from "@/server/account/rotate-auth-token";
import { ROTATE_AUTH_TOKEN_ROLE, TWILIO_CREDENTIALS_ROLE } from "@/server/account/twilio-credentials-role";
import { createTRPCRouter, tenantProcedure, secretRevealing } from "@/trpc/init";

export const accountRouter = createTRPCRouter({
  twilioAccount: tenantProcedure(TWILIO_CREDENTIALS_ROLE).input(z.void()).query(({ ctx }) => getTwilioAccount(ctx.actor)),
  revealAuthToken: tenantProcedure(TWILIO_CREDENTIALS_ROLE).use(secretRevealing).input(z.void()).mutation(({ ctx }) => getTwilioCredentials(ctx.actor)),
  rotateAuthToken: tenantProcedure(ROTATE_AUTH_TOKEN_ROLE).use(secretRevealing).input(z.void()).mutation(({ ctx }) => rotateAuthToken(ctx.actor)),
});
