// Errors of the Twilio-compatible API in Twilio's own shape, `{ code, message, more_info, status }`, which
// twilio-node turns into a RestException. Codes are Twilio's where Twilio has one for the case (21211 invalid
// To, 20404 not found, …); cases without a Twilio counterpart use 20000 + the HTTP status, the pattern of
// Twilio's generic codes (20403, 20404, 20429).
import { ZodError } from "zod";
import { AppError, type ErrorCode } from "@/server/errors";
import type { Logger } from "@/server/logger";
import { databaseUnavailableError } from "@/server/db-errors";

interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

/** A failure with its Twilio code, thrown by the Twilio surface where a generic AppError would lose the code. */
export class TwilioApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "TwilioApiError";
  }
}

export const twilioBadRequest = (code: number, message: string) => new TwilioApiError(400, code, message);

/** Twilio's codes for a failing create/update parameter, by the use-case's field name (or the Twilio name). */
const FIELD_CODES: Record<string, { missing: number; invalid: number; name: string }> = {
  to: { missing: 21201, invalid: 21211, name: "To" },
  from: { missing: 21213, invalid: 21212, name: "From" },
  url: { missing: 21205, invalid: 21205, name: "Url" },
  method: { missing: 21207, invalid: 21207, name: "Method" },
  statusCallback: { missing: 21609, invalid: 21609, name: "StatusCallback" },
  statusCallbackMethod: { missing: 21207, invalid: 21207, name: "StatusCallbackMethod" },
  statusCallbackEvents: { missing: 21626, invalid: 21626, name: "StatusCallbackEvent" },
  timeout: { missing: 21216, invalid: 21216, name: "Timeout" },
  timeLimit: { missing: 21216, invalid: 21216, name: "TimeLimit" },
  instructions: { missing: 12100, invalid: 12100, name: "Twiml" },
  sendDigits: { missing: 21206, invalid: 21206, name: "SendDigits" },
  fallbackUrl: { missing: 21205, invalid: 21205, name: "FallbackUrl" },
  fallbackMethod: { missing: 21207, invalid: 21207, name: "FallbackMethod" },
  machineDetection: { missing: 20001, invalid: 20001, name: "MachineDetection" },
  machineDetectionTimeout: { missing: 20001, invalid: 20001, name: "MachineDetectionTimeout" },
  machineDetectionSpeechThreshold: { missing: 20001, invalid: 20001, name: "MachineDetectionSpeechThreshold" },
  machineDetectionSpeechEndThreshold: { missing: 20001, invalid: 20001, name: "MachineDetectionSpeechEndThreshold" },
  machineDetectionSilenceTimeout: { missing: 20001, invalid: 20001, name: "MachineDetectionSilenceTimeout" },
  asyncAmd: { missing: 20001, invalid: 20001, name: "AsyncAmd" },
  asyncAmdStatusCallback: { missing: 20001, invalid: 20001, name: "AsyncAmdStatusCallback" },
  asyncAmdStatusCallbackMethod: { missing: 20001, invalid: 20001, name: "AsyncAmdStatusCallbackMethod" },
};

const TWILIO_NAME_TO_FIELD: Record<string, string> = Object.fromEntries(Object.entries(FIELD_CODES).map(([field, c]) => [c.name, field]));

const GENERIC: Partial<Record<ErrorCode, number>> = {
  UNAUTHORIZED: 20003,
  FORBIDDEN: 20403,
  TENANT_SUSPENDED: 10001,
  NOT_FOUND: 20404,
  RATE_LIMITED: 20429,
  INTERNAL: 20500,
  UNAVAILABLE: 20503,
};

function firstFieldError(details: unknown): { field: string; message: string } | null {
  if (Array.isArray(details)) {
    const first = details[0] as { field?: string; message?: string } | undefined;
    return first?.field ? { field: first.field, message: first.message ?? "invalid" } : null;
  }
  const fieldErrors = (details as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;
  if (fieldErrors) {
    const [field, messages] = Object.entries(fieldErrors)[0] ?? [];
    if (field) return { field, message: messages?.[0] ?? "invalid" };
  }
  return null;
}

/** A use-case's field error as Twilio reports it: the Twilio parameter name and its code. */
export function fieldErrorToTwilio(rawField: string, message: string, status = 400): TwilioApiError {
  const field = TWILIO_NAME_TO_FIELD[rawField] ?? rawField.split(".")[0]!;
  const codes = FIELD_CODES[field];
  const name = codes?.name ?? rawField;
  const missing = /required|expected .*, received undefined|give exactly one/i.test(message);
  if (!codes) return new TwilioApiError(status, 20001, `Invalid parameter ${name}: ${message}`);
  if (field === "from" && /not a phone number or verified caller ID of this account|voice is disabled|not verified as a caller ID/.test(message)) {
    return new TwilioApiError(400, 21210, `The source phone number provided, ${message.split(" ")[0]}, is not yet verified for your account. You may only make calls from phone numbers that you own on IRISX or caller IDs you verified.`);
  }
  if (missing) return new TwilioApiError(status, codes.missing, `Required parameter ${name} missing: ${message}`);
  return new TwilioApiError(status, codes.invalid, `Invalid ${name}: ${message}`);
}

export function toTwilioError(err: unknown): TwilioApiError | null {
  if (err instanceof TwilioApiError) return err;
  if (err instanceof ZodError) {
    const issue = err.issues[0];
    return fieldErrorToTwilio(issue?.path.map(String).join(".") || "body", issue?.message ?? "invalid");
  }
  if (!(err instanceof AppError)) return null;
  if (err.code === "VALIDATION_FAILED" || err.code === "BAD_REQUEST") {
    const field = firstFieldError(err.details);
    if (field) return fieldErrorToTwilio(field.field, field.message.replace(/^[\w.]+: /, ""), 400);
    return new TwilioApiError(400, 20001, err.message);
  }
  if (err.code === "NOT_FOUND") return new TwilioApiError(404, 20404, "The requested resource was not found");
  return new TwilioApiError(err.httpStatus, GENERIC[err.code] ?? 20000 + err.httpStatus, err.message, err.retryAfter);
}

function twilioErrorBody(err: TwilioApiError): TwilioErrorBody {
  return { code: err.code, message: err.message, more_info: `https://www.twilio.com/docs/errors/${err.code}`, status: err.status };
}

/** The response for any failure; unknown errors are logged and answered 500 with the request id. */
export function twilioErrorResponse(err: unknown, headers: Record<string, string>, log: () => Logger): Response {
  const unavailable = databaseUnavailableError(err);
  if (unavailable) log().warn({ err }, "database unreachable: answering 503");
  let twilioError = toTwilioError(unavailable ?? err);
  if (!twilioError) {
    log().error({ err }, "unhandled error in Twilio-compatible API route");
    twilioError = new TwilioApiError(500, 20500, `internal error; quote request id ${headers["x-request-id"] ?? "(none)"} when contacting support`);
  }
  if (twilioError.status === 401) headers["www-authenticate"] = 'Basic realm="IRISX Twilio-compatible API"';
  if (twilioError.retryAfter !== undefined) headers["retry-after"] = String(twilioError.retryAfter);
  headers["content-type"] = "application/json; charset=utf-8";
  return new Response(JSON.stringify(twilioErrorBody(twilioError)), { status: twilioError.status, headers });
}
