import { env } from "@/env";

/**
 * The dev mailbox shows every mail the platform sent, reset links included. It is open in development, and
 * in a production install without Resend it is the only way to read those mails, so there it is kept for
 * platform staff (the caller checks that).
 */
export function isDevMailboxEnabled(): { enabled: boolean; staffOnly: boolean } {
  const production = env.NODE_ENV === "production";
  return { enabled: !production || !env.RESEND_API_KEY, staffOnly: production };
}
