import { z } from "zod";
import { findEmailMessages } from "@/server/email/find-email-messages";
import { isDevMailboxEnabled } from "@/server/email/is-dev-mailbox-enabled";
import { AppError } from "@/server/errors";
import { createTRPCRouter, publicProcedure } from "@/trpc/init";

// Open without sign-in in development, because the mailbox is where a new user finds their verification link.
export const devMailRouter = createTRPCRouter({
  list: publicProcedure.input(z.object({ limit: z.number().int().min(1).max(200).default(50) }).optional()).query(async ({ ctx, input }) => {
    const mailbox = isDevMailboxEnabled();
    if (!mailbox.enabled) throw new AppError("NOT_FOUND", "the dev mailbox is off when mail goes through Resend");
    if (mailbox.staffOnly && !(await ctx.getUser())?.isPlatformStaff) throw new AppError("FORBIDDEN", "platform staff only");
    return findEmailMessages({ limit: input?.limit });
  }),
});
