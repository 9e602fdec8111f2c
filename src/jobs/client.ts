// The Inngest client. Without INNGEST_DEV or an event key it still loads (so `next build` and the app work);
// sends then fail, and the outbox relay keeps those events until Inngest is reachable.
import { Inngest } from "inngest";
import { env } from "@/env";
import { logger } from "@/server/logger";

function isDevMode(): boolean {
  if (env.INNGEST_DEV === undefined) return env.NODE_ENV === "development";
  return !["0", "false", ""].includes(env.INNGEST_DEV.toLowerCase());
}

export const inngest = new Inngest({
  id: "irisx",
  isDev: isDevMode(),
  ...(env.INNGEST_BASE_URL ? { baseUrl: env.INNGEST_BASE_URL } : {}),
  ...(env.INNGEST_EVENT_KEY ? { eventKey: env.INNGEST_EVENT_KEY } : {}),
  ...(env.INNGEST_SIGNING_KEY ? { signingKey: env.INNGEST_SIGNING_KEY } : {}),
  logger: logger.child({ component: "inngest" }),
});
