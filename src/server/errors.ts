// One error type for the whole server. Use-cases throw AppError; tRPC and the REST layer map it once
// (src/trpc/init.ts, src/server/api/http.ts) to their own status codes.

export const ERROR_HTTP_STATUS = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  PAYMENT_REQUIRED: 402,
  INSUFFICIENT_CREDIT: 402,
  FORBIDDEN: 403,
  TENANT_SUSPENDED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_HTTP_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  /** Seconds, for RATE_LIMITED. */
  readonly retryAfter?: number;

  constructor(code: ErrorCode, message: string, opts: { details?: unknown; retryAfter?: number; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.details = opts.details;
    this.retryAfter = opts.retryAfter;
  }

  get httpStatus(): number {
    return ERROR_HTTP_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);

/** A 400 naming the field at fault (`field: message`), as the REST layer reports it; `details` adds to fieldErrors. */
export function fieldError(field: string, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError("VALIDATION_FAILED", `${field}: ${message}`, { details: { fieldErrors: { [field]: [message] }, ...details } });
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
