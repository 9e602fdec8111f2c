import { z } from "zod";
import { countDebuggerErrorsByHour } from "@/server/debugger/count-debugger-errors-by-hour";
import { DEBUGGER_READ_ROLE } from "@/server/debugger/debugger-error-view";
import { ZCountDebuggerErrorsInput, ZFindDebuggerErrorsInput } from "@/server/debugger/debugger.schemas";
import { findDebuggerErrors } from "@/server/debugger/find-debugger-errors";
import { listTwilioErrorCodes } from "@/server/debugger/twilio-error-codes";
import { createTRPCRouter, tenantProcedure } from "@/trpc/init";

const reader = tenantProcedure(DEBUGGER_READ_ROLE);

/** The call debugger: the tenant's application errors across calls (and one call's, with callId). */
export const debuggerRouter = createTRPCRouter({
  list: reader.input(ZFindDebuggerErrorsInput).query(({ ctx, input }) => findDebuggerErrors(ctx.actor, input)),
  perHour: reader.input(ZCountDebuggerErrorsInput).query(({ ctx, input }) => countDebuggerErrorsByHour(ctx.actor, input)),
  errorCodes: reader.input(z.void()).query(() => listTwilioErrorCodes()),
});
