// pino JSON logs. Request handlers use `requestLogger(requestId)` so every line of a request carries its id.
import pino from "pino";
import { env } from "@/env";

export const logger = pino({
  level: env.NODE_ENV === "test" ? (process.env.LOG_LEVEL ?? "silent") : env.LOG_LEVEL,
  base: { service: process.env.IRISX_SERVICE ?? "app" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: { paths: ["password", "*.password", "secret", "*.secret", "authorization", "*.authorization"], censor: "[redacted]" },
});

export type Logger = pino.Logger;

export function requestLogger(requestId: string): Logger {
  return logger.child({ requestId });
}
