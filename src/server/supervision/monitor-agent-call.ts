// A supervisor listens to, coaches (whisper: only the agent hears) or joins (barge) an agent's call from their own
// softphone line: the request goes to the worker of the call's switch (NOTIFY irisx_monitor_requested), which rings the
// supervisor and runs eavesdrop on the caller's channel. Audited. Another tenant's agent is not found; an agent not
// on a call, or a supervisor without a softphone line, gets a clear refusal.
import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import { SUPERVISOR_ROLE } from "@/server/agents/agent-view";
import { recordAudit } from "@/server/audit/record-audit";
import { newId } from "@/server/shared/ids";
import { toMonitorView, type MonitorView } from "@/server/supervision/monitor-view";
import { MONITOR_CHANNEL, ZMonitorAgentCallInput, type TMonitorAgentCallInput } from "@/server/supervision/supervision.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

export async function monitorAgentCall(actor: Actor, rawInput: TMonitorAgentCallInput): Promise<MonitorView> {
  assertRole(actor, SUPERVISOR_ROLE);
  if (!actor.userId) throw new AppError("FORBIDDEN", "only a signed-in supervisor monitors calls, from their own softphone");
  const input = ZMonitorAgentCallInput.parse(rawInput);
  const agent = await db.agent.findFirst({ where: { id: input.agentId, tenantId: actor.tenantId }, select: { id: true, state: true, currentCallId: true } });
  if (!agent) throw notFound("agent");
  if (agent.state !== "ON_CALL" || !agent.currentCallId) throw new AppError("CONFLICT", "the agent is not on a call");
  const call = await db.call.findFirst({ where: { id: agent.currentCallId, tenantId: actor.tenantId }, select: { id: true, switchId: true, channelUuid: true, endedAt: true } });
  if (!call || call.endedAt || !call.switchId || !call.channelUuid) throw new AppError("CONFLICT", "the agent's call is no longer live");
  const line = await db.sipUser.findFirst({ where: { tenantId: actor.tenantId, userId: actor.userId, enabled: true }, select: { id: true } });
  if (!line) throw new AppError("VALIDATION_FAILED", "you need a softphone line (open the desktop once) to monitor calls", { details: { fieldErrors: { agentId: ["the supervisor has no softphone line"] } } });
  const row = await db.$transaction(async (tx) => {
    const created = await tx.supervisorMonitor.create({
      data: { id: newId("mon"), tenantId: actor.tenantId, supervisorUserId: actor.userId!, agentId: agent.id, callId: call.id, switchId: call.switchId!, mode: input.mode },
    });
    await recordAudit(tx, actor, { action: "agent.call.monitored", targetType: "agent", targetId: agent.id, after: { monitorId: created.id, callId: call.id, mode: input.mode } });
    await tx.$executeRaw`SELECT pg_notify(${MONITOR_CHANNEL}, ${call.switchId})`;
    return created;
  });
  return toMonitorView(row);
}
