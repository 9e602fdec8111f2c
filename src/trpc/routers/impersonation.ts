import { AppError } from "@/server/errors";
import { endImpersonation } from "@/server/impersonation/end-impersonation";
import { enableImpersonationActing } from "@/server/impersonation/enable-impersonation-acting";
import { ZEnableActingInput } from "@/server/impersonation/impersonation.schemas";
import { clearImpersonationCookie } from "@/trpc/impersonation-cookie";
import { authedProcedure, createTRPCRouter } from "@/trpc/init";

/** The session's impersonation, for the staff member in it (anyone else is refused). */
const impersonating = authedProcedure.use(({ ctx, next }) => {
  const impersonation = ctx.user.impersonation;
  if (!impersonation) throw new AppError("NOT_FOUND", "you are not impersonating anyone");
  return next({ ctx: { ...ctx, impersonation, staff: { userId: impersonation.staff.id, requestId: ctx.requestId, ip: ctx.ip } } });
});

export const impersonationRouter = createTRPCRouter({
  /** Who is impersonating whom, until when, read-only or acting: the banner's contents. */
  current: authedProcedure.query(({ ctx }) => {
    const i = ctx.user.impersonation;
    return i ? { sessionId: i.sessionId, tenantId: i.tenantId, tenantName: i.tenantName, reason: i.reason, expiresAt: i.expiresAt, acting: i.actingSince !== null, staff: i.staff, target: i.target } : null;
  }),
  end: impersonating.mutation(async ({ ctx }) => {
    const { tenantId } = await endImpersonation(ctx.staff, ctx.impersonation.sessionId);
    clearImpersonationCookie(ctx);
    return { tenantId };
  }),
  enableActing: impersonating.input(ZEnableActingInput).mutation(({ ctx, input }) => enableImpersonationActing(ctx.staff, ctx.impersonation.sessionId, input)),
});
