import { getInboxAgentReport } from "@/server/inbox-reports/get-inbox-agent-report";
import { getInboxChannelReport } from "@/server/inbox-reports/get-inbox-channel-report";
import { getInboxHoursReport } from "@/server/inbox-reports/get-inbox-hours-report";
import { getInboxVolumeReport } from "@/server/inbox-reports/get-inbox-volume-report";
import { INBOX_REPORT_ROLE, ZInboxReportInput } from "@/server/inbox-reports/inbox-reports.schemas";
import { createTRPCRouter, tenantProcedure } from "@/trpc/init";

const supervisor = tenantProcedure(INBOX_REPORT_ROLE);

export const inboxReportsRouter = createTRPCRouter({
  volume: supervisor.input(ZInboxReportInput).query(({ ctx, input }) => getInboxVolumeReport(ctx.actor, input)),
  channels: supervisor.input(ZInboxReportInput).query(({ ctx, input }) => getInboxChannelReport(ctx.actor, input)),
  agents: supervisor.input(ZInboxReportInput).query(({ ctx, input }) => getInboxAgentReport(ctx.actor, input)),
  hours: supervisor.input(ZInboxReportInput).query(({ ctx, input }) => getInboxHoursReport(ctx.actor, input)),
});
