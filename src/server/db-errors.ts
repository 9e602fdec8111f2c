// What a database failure means for the caller. Two questions, asked by the worker (wait, or retry) and by the
// HTTP surfaces (503 instead of 500):
//   isDatabaseUnavailable  the database cannot be reached or dropped the connection (stopped, restarting, network):
//                          the same statement will succeed once it is back, so wait for it.
//   isTransientDbError     that, or a failure worth one more try at once (pool timeout, serialization conflict).
// Prisma 7 with @prisma/adapter-pg reports connection failures as known request errors (P1001, or P2010 for raw
// queries) carrying the adapter's `driverAdapterError.cause.kind`; a server shutting down or starting up answers
// SQLSTATE class 57P/08 ("admin_shutdown", "cannot_connect_now", "connection_failure").
import { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";

const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1017"]);
const UNAVAILABLE_ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TlsConnectionError"]);
const UNAVAILABLE_SQLSTATE = /^(08|57P)/;
const UNAVAILABLE_MESSAGE = /ECONNREFUSED|ECONNRESET|EPIPE|Connection terminated|Can't reach database server|timeout exceeded when trying to connect|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command/i;
const TRANSIENT_PRISMA_CODES = new Set(["P2024", "P2028", "P2034"]);

interface AdapterCause {
  kind?: string;
  code?: string;
  originalCode?: string;
}

function adapterCause(err: Prisma.PrismaClientKnownRequestError): AdapterCause | undefined {
  const meta = err.meta as { driverAdapterError?: { cause?: AdapterCause } } | undefined;
  return meta?.driverAdapterError?.cause;
}

export function isDatabaseUnavailable(err: unknown): boolean {
  if (err instanceof Prisma.PrismaClientInitializationError) return true;
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    if (UNAVAILABLE_PRISMA_CODES.has(err.code)) return true;
    const cause = adapterCause(err);
    if (cause?.kind && UNAVAILABLE_ADAPTER_KINDS.has(cause.kind)) return true;
    const sqlState = cause?.originalCode ?? cause?.code;
    if (sqlState && UNAVAILABLE_SQLSTATE.test(sqlState)) return true;
    return UNAVAILABLE_MESSAGE.test(err.message) || UNAVAILABLE_MESSAGE.test(JSON.stringify(err.meta ?? {}));
  }
  if (err instanceof Prisma.PrismaClientUnknownRequestError || err instanceof Prisma.PrismaClientRustPanicError) return UNAVAILABLE_MESSAGE.test(err.message);
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === "string" && (UNAVAILABLE_SQLSTATE.test(code) || /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND)$/.test(code))) return true;
    return UNAVAILABLE_MESSAGE.test(err.message);
  }
  return false;
}

export function isTransientDbError(err: unknown): boolean {
  if (isDatabaseUnavailable(err)) return true;
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    if (TRANSIENT_PRISMA_CODES.has(err.code)) return true;
    if (adapterCause(err)?.kind === "TransactionWriteConflict") return true;
    return /40001|40P01/.test(JSON.stringify(err.meta ?? {}));
  }
  return err instanceof Prisma.PrismaClientUnknownRequestError;
}

/** Seconds a client is told to wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * A thrown value as the HTTP surfaces report it when it means "the database cannot be reached": 503 UNAVAILABLE
 * with Retry-After (Twilio's 20503 on its surface), never a 500 that reads like a bug. Null for anything else.
 */
export function databaseUnavailableError(err: unknown): AppError | null {
  if (err instanceof AppError || !isDatabaseUnavailable(err)) return null;
  return new AppError("UNAVAILABLE", "The service is temporarily unavailable (its database cannot be reached); retry later", {
    retryAfter: DATABASE_RETRY_AFTER_SECONDS,
    cause: err,
  });
}
