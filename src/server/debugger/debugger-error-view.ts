// An application error of a call as tenants see it (portal debugger, the call's page, REST alerts). The worker
// writes them as CallEvents: `debugger.error` with the full shape, and the older `handler.failed` (a document fetch
// that failed: code, message, url, httpStatus) and `playback.failed` (source, reason), mapped to the same shape by
// the SQL in debugger-error-sql.ts so that filters and paging see one kind of row.
import { z } from "zod";
import { DEBUGGER_ERROR_SOURCES, type DebuggerErrorSource } from "@/server/debugger/debugger.schemas";
import { describeTwilioErrorCode } from "@/server/debugger/twilio-error-codes";
import type { RoleRule } from "@/server/tenancy";

/** Reading the debugger: everyone who works in the portal (supervisors and up, developers); API keys with calls:read. */
export const DEBUGGER_READ_ROLE: RoleRule = { minRole: "SUPERVISOR", alsoAllow: ["DEVELOPER"] };

export interface DebuggerError {
  /** The CallEvent's id. */
  id: string;
  callId: string;
  code: number;
  title: string;
  moreInfo: string;
  message: string;
  source: DebuggerErrorSource;
  url: string | null;
  httpStatus: number | null;
  verbIndex: number | null;
  verb: string | null;
  attribute: string | null;
  line: number | null;
  column: number | null;
  occurredAt: Date;
}

/** A row of debugger-error-sql.ts: code and source already derived, the rest read from `data`. */
export interface DebuggerErrorRow {
  id: string;
  callId: string;
  code: number;
  source: string;
  occurredAt: Date;
  data: unknown;
}

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const int = (v: unknown): number | null => (typeof v === "number" && Number.isInteger(v) ? v : null);

export function toDebuggerError(row: DebuggerErrorRow): DebuggerError {
  const data = (row.data && typeof row.data === "object" ? row.data : {}) as Record<string, unknown>;
  const info = describeTwilioErrorCode(row.code);
  // playback.failed: { source: <the play source>, reason }; the others: { message, url, … }.
  const playback = "reason" in data && !("message" in data);
  return {
    id: row.id,
    callId: row.callId,
    code: row.code,
    title: info.title,
    moreInfo: info.moreInfo,
    message: str(data.message) ?? (playback ? `Could not play ${str(data.source) ?? "the audio"}: ${str(data.reason) ?? "unknown reason"}` : info.title),
    source: (DEBUGGER_ERROR_SOURCES as readonly string[]).includes(row.source) ? (row.source as DebuggerErrorSource) : "verb",
    url: str(data.url) ?? (playback ? str(data.source) : null),
    httpStatus: int(data.httpStatus),
    verbIndex: int(data.verbIndex),
    verb: str(data.verb) ?? (playback ? "play" : null),
    attribute: str(data.attribute),
    line: int(data.line),
    column: int(data.column),
    occurredAt: row.occurredAt,
  };
}

/** The REST resource, after Twilio Monitor's Alert (error_code, alert_text, more_info, request_url, resource_sid). */
export const ZAlertResource = z
  .object({
    sid: z.string().meta({ description: "The error's id", example: "cev_01jd8x3k6q2m4f7b9c0s5t1v2w" }),
    call_sid: z.string().meta({ description: "The call it happened on (Twilio: resource_sid)", example: "CA8f2c1e0d9b7a65432109876543210fed" }),
    error_code: z.number().int().meta({ description: "Twilio's error code", example: 11200 }),
    title: z.string().meta({ example: "HTTP retrieval failure" }),
    alert_text: z.string().meta({ description: "What went wrong, in words", example: "https://example.com/voice answered 500" }),
    more_info: z.string().meta({ example: "https://www.twilio.com/docs/api/errors/11200" }),
    source: z.enum(DEBUGGER_ERROR_SOURCES).meta({ description: "fetch (getting a document), document (reading it), verb (running it), provider (speech), timeout" }),
    request_url: z.string().nullable().meta({ description: "The URL fetched or played, when there was one" }),
    response_status: z.number().int().nullable().meta({ description: "The HTTP status the URL answered, when it answered" }),
    verb_index: z.number().int().nullable().meta({ description: "Position of the verb in the document, from 0" }),
    verb: z.string().nullable(),
    attribute: z.string().nullable(),
    line: z.number().int().nullable().meta({ description: "Line of the fault in a TwiML document" }),
    column: z.number().int().nullable(),
    date_created: z.iso.datetime(),
  })
  .meta({ id: "Alert" });

export function toAlertResource(e: DebuggerError): z.input<typeof ZAlertResource> {
  return {
    sid: e.id,
    call_sid: e.callId,
    error_code: e.code,
    title: e.title,
    alert_text: e.message,
    more_info: e.moreInfo,
    source: e.source,
    request_url: e.url,
    response_status: e.httpStatus,
    verb_index: e.verbIndex,
    verb: e.verb,
    attribute: e.attribute,
    line: e.line,
    column: e.column,
    date_created: e.occurredAt.toISOString(),
  };
}
