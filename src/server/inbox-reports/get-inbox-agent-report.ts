import { db } from "@/server/db";
import { INBOX_REPORT_ROLE, ZInboxReportInput, type TInboxReportInput } from "@/server/inbox-reports/inbox-reports.schemas";
import { FIGURE_COLUMNS, figuresCte, rangeCte, toFigures, type FigureRow, type Figures } from "@/server/inbox-reports/report-range";
import { assertRole, type Actor } from "@/server/tenancy";

export interface InboxAgentRow extends Figures {
  /** null: conversations nobody is assigned. */
  userId: string | null;
  name: string;
}

/**
 * Per assignee, over the conversations opened in the range (credited to whoever holds them now): handled, resolved,
 * first response and resolution times. Unassigned conversations are a row of their own, last.
 */
export async function getInboxAgentReport(actor: Actor, rawInput: TInboxReportInput, opts: { now?: Date } = {}): Promise<InboxAgentRow[]> {
  assertRole(actor, INBOX_REPORT_ROLE);
  const input = ZInboxReportInput.parse(rawInput);
  const w = { tenantId: actor.tenantId, days: input.days, timeZone: input.timeZone, now: opts.now ?? new Date() };
  const rows = await db.$queryRaw<(FigureRow & { user_id: string | null; name: string | null })[]>`
    WITH ${rangeCte(w)}, ${figuresCte(w)}
    SELECT f."assigneeUserId" AS user_id, max(u.name) AS name, ${FIGURE_COLUMNS}
    FROM figures f LEFT JOIN "User" u ON u.id = f."assigneeUserId"
    GROUP BY f."assigneeUserId"
    ORDER BY (f."assigneeUserId" IS NULL), handled DESC, max(u.name)`;
  return rows.map((r) => ({ userId: r.user_id, name: r.user_id ? (r.name ?? "Removed member") : "Unassigned", ...toFigures(r) }));
}
