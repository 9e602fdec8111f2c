// Server layouts read the session and membership from the database before anything renders. While the database
// cannot be reached they show "temporarily unavailable" (with a retry) instead of Next.js's error screen.
import { isDatabaseUnavailable } from "@/server/db-errors";
import { logger } from "@/server/logger";

export const OUTAGE = Symbol("database outage");

/** `read()`'s value, or OUTAGE when it failed because the database cannot be reached; other errors propagate. */
export async function readOrOutage<T>(read: () => Promise<T>): Promise<T | typeof OUTAGE> {
  try {
    return await read();
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    logger.warn({ err }, "database unreachable: showing the service-unavailable page");
    return OUTAGE;
  }
}
