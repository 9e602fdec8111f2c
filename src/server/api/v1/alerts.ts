import { z } from "zod";
import { defineRoute } from "@/server/api/define-route";
import { listOf, toList, ZPageQuery } from "@/server/api/paging";
import { toAlertResource, ZAlertResource } from "@/server/debugger/debugger-error-view";
import { DEBUGGER_ERROR_SOURCES } from "@/server/debugger/debugger.schemas";
import { findDebuggerErrors } from "@/server/debugger/find-debugger-errors";

export const listAlertsRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/alerts",
    operationId: "listAlerts",
    tag: "Debugger",
    summary: "List alerts (call errors)",
    description:
      "The application errors of your calls, newest first, as Twilio Monitor's Alerts: a document that could not be fetched or read, a verb that could not run, a timeout, a speech provider's failure. `error_code` is Twilio's; `more_info` explains it.",
    scope: "calls:read",
    query: ZPageQuery.extend({
      error_code: z.coerce.number().int().min(10000).max(99999).optional().meta({ description: "Only this error code", example: 11200 }),
      call_sid: z.string().max(64).optional().meta({ description: "Only this call's errors" }),
      source: z.enum(DEBUGGER_ERROR_SOURCES).optional().meta({ description: "Only errors from this source" }),
      start_date: z.iso.datetime({ offset: true }).optional().meta({ description: "Errors at or after this time (ISO 8601)" }),
      end_date: z.iso.datetime({ offset: true }).optional().meta({ description: "Errors before this time (ISO 8601)" }),
    }),
    response: listOf(ZAlertResource, "AlertList"),
  },
  async ({ actor, query }) =>
    toList(
      await findDebuggerErrors(actor, {
        limit: query.limit,
        cursor: query.starting_after,
        code: query.error_code,
        callId: query.call_sid,
        source: query.source,
        from: query.start_date ? new Date(query.start_date) : undefined,
        to: query.end_date ? new Date(query.end_date) : undefined,
      }),
      toAlertResource,
    ),
);
