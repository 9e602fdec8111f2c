// A supervisor moves between listen, whisper and barge on a monitor that is ringing or live (the worker sends the
// switch's eavesdrop the digit for the mode), or ends it. Audited; another tenant's monitor is not found.
import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import { SUPERVISOR_ROLE } from "@/server/agents/agent-view";
import { recordAudit } from "@/server/audit/record-audit";
import { toMonitorView, type MonitorView } from "@/server/supervision/monitor-view";
import { MONITOR_CHANNEL, ZChangeMonitorModeInput, ZMonitorIdInput, type TChangeMonitorModeInput, type TMonitorIdInput } from "@/server/supervision/supervision.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

async function requestOnMonitor(actor: Actor, monitorId: string, change: { mode?: string; pending: "mode" | "stop" }): Promise<MonitorView> {
  assertRole(actor, SUPERVISOR_ROLE);
  const row = await db.$transaction(async (tx) => {
    const [monitor] = await tx.$queryRaw<{ id: string; status: string; mode: string; switchId: string; agentId: string; pending: string | null }[]>`
      SELECT id, status, mode, "switchId", "agentId", pending FROM "SupervisorMonitor" WHERE id = ${monitorId} AND "tenantId" = ${actor.tenantId} FOR UPDATE`;
    if (!monitor) throw notFound("monitor");
    if (monitor.status === "ended" || monitor.status === "failed") throw new AppError("CONFLICT", `the monitor has ${monitor.status}`);
    // A start not yet carried out stays a start (with the new mode); a stop wins over anything pending.
    const pending = monitor.pending === "start" && change.pending === "mode" ? "start" : change.pending;
    const updated = await tx.supervisorMonitor.update({ where: { id: monitor.id }, data: { pending, ...(change.mode ? { mode: change.mode } : {}) } });
    await recordAudit(tx, actor, { action: change.pending === "stop" ? "agent.call.monitor_ended" : "agent.call.monitor_mode", targetType: "agent", targetId: monitor.agentId, before: { mode: monitor.mode }, after: { monitorId: monitor.id, mode: updated.mode, pending } });
    await tx.$executeRaw`SELECT pg_notify(${MONITOR_CHANNEL}, ${monitor.switchId})`;
    return updated;
  });
  return toMonitorView(row);
}

export async function changeMonitorMode(actor: Actor, rawInput: TChangeMonitorModeInput): Promise<MonitorView> {
  const input = ZChangeMonitorModeInput.parse(rawInput);
  return requestOnMonitor(actor, input.monitorId, { mode: input.mode, pending: "mode" });
}

export async function stopMonitor(actor: Actor, rawInput: TMonitorIdInput): Promise<MonitorView> {
  const input = ZMonitorIdInput.parse(rawInput);
  return requestOnMonitor(actor, input.monitorId, { pending: "stop" });
}
