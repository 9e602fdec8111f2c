import { db } from "@/server/db";
import { INBOX_REPORT_ROLE, ZInboxReportInput, type TInboxReportInput } from "@/server/inbox-reports/inbox-reports.schemas";
import { FIGURE_COLUMNS, figuresCte, rangeCte, toFigures, type FigureRow, type Figures } from "@/server/inbox-reports/report-range";
import { assertRole, type Actor } from "@/server/tenancy";

export interface InboxChannelRow extends Figures {
  /** "sms", "email", … */
  channel: string;
}

/** Per channel, over the conversations opened in the range: handled, resolved, first response and resolution times. */
export async function getInboxChannelReport(actor: Actor, rawInput: TInboxReportInput, opts: { now?: Date } = {}): Promise<InboxChannelRow[]> {
  assertRole(actor, INBOX_REPORT_ROLE);
  const input = ZInboxReportInput.parse(rawInput);
  const w = { tenantId: actor.tenantId, days: input.days, timeZone: input.timeZone, now: opts.now ?? new Date() };
  const rows = await db.$queryRaw<(FigureRow & { channel: string })[]>`
    WITH ${rangeCte(w)}, ${figuresCte(w)}
    SELECT lower(channel::text) AS channel, ${FIGURE_COLUMNS}
    FROM figures GROUP BY channel ORDER BY handled DESC, channel`;
  return rows.map((r) => ({ channel: r.channel, ...toFigures(r) }));
}
