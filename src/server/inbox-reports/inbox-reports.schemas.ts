import { z } from "zod";
import { INBOX_ADMIN_ROLE } from "@/server/inbox/conversation-view";

/** The inbox's reports: supervisors and up, like the portal's inbox. */
export const INBOX_REPORT_ROLE = INBOX_ADMIN_ROLE;

export const REPORT_RANGES = [7, 30, 90] as const;

export const ZTimeZone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "an IANA time zone such as Europe/Paris");

export const ZInboxReportInput = z.object({
  /** The last 7, 30 or 90 days, today included. */
  days: z.union([z.literal(7), z.literal(30), z.literal(90)], { error: "days: 7, 30 or 90" }),
  /** The days and hours are this zone's (the viewer's: the account has no time zone of its own). */
  timeZone: ZTimeZone.default("UTC"),
});
export type TInboxReportInput = z.input<typeof ZInboxReportInput>;
