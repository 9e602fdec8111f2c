// The agent desktop's presence and the supervisor's agent grid.
import { z } from "zod";
import { AGENT_ROLE, SUPERVISOR_ROLE } from "@/server/agents/agent-view";
import { ZChangeMyAgentStateInput, ZConsultCallInput, ZEndWrapUpInput, ZFindMyCallsInput, ZFinishConsultInput, ZForceAgentStateInput, ZTransferCallInput } from "@/server/agents/agents.schemas";
import { changeMyAgentState } from "@/server/agents/change-my-agent-state";
import { endWrapUp } from "@/server/agents/end-wrap-up";
import { findAgents } from "@/server/agents/find-agents";
import { findCallerIdsForAgent } from "@/server/agents/find-agent-caller-ids";
import { findTransferTargets } from "@/server/agents/find-transfer-targets";
import { forceAgentState } from "@/server/agents/force-agent-state";
import { getMyAgent } from "@/server/agents/get-my-agent";
import { transferAgentCall } from "@/server/agents/transfer-agent-call";
import { consultAgentCall } from "@/server/agents/consult-agent-call";
import { finishConsult } from "@/server/agents/finish-consult";
import { getMyConsult } from "@/server/agents/get-my-consult";
import { findMyCalls } from "@/server/agents/find-my-calls";
import { getMyOffer } from "@/server/agents/get-my-offer";
import { reattachAgentCall } from "@/server/agents/reattach-agent-call";
import { watchAgentChanges } from "@/server/agents/watch-agent-changes";
import { changeMonitorMode, stopMonitor } from "@/server/supervision/change-monitor-mode";
import { monitorAgentCall } from "@/server/supervision/monitor-agent-call";
import { ZChangeMonitorModeInput, ZMonitorAgentCallInput, ZMonitorIdInput } from "@/server/supervision/supervision.schemas";
import { getSoftphoneCredentials, rotateSoftphonePassword } from "@/server/sip/get-softphone-credentials";
import { createTRPCRouter, tenantProcedure } from "@/trpc/init";

const agent = tenantProcedure(AGENT_ROLE);
const supervisor = tenantProcedure(SUPERVISOR_ROLE);

export const agentsRouter = createTRPCRouter({
  me: agent.input(z.void()).query(({ ctx }) => getMyAgent(ctx.actor)),
  /** The member's own softphone line (made on first ask): what the desktop registers with. */
  softphone: agent.input(z.void()).query(({ ctx }) => getSoftphoneCredentials(ctx.actor)),
  rotateSoftphonePassword: agent.input(z.void()).mutation(({ ctx }) => rotateSoftphonePassword(ctx.actor)),
  setState: agent.input(ZChangeMyAgentStateInput).mutation(({ ctx, input }) => changeMyAgentState(ctx.actor, input)),
  /** Whom and where the agent may transfer the caller to, and the caller IDs a call to a number may show. */
  transferTargets: agent.input(z.void()).query(({ ctx }) => findTransferTargets(ctx.actor)),
  /** The caller IDs a call from the agent's line may show (the dial form). */
  callerIds: agent.input(z.void()).query(({ ctx }) => findCallerIdsForAgent(ctx.actor)),
  /** A blind transfer of the agent's caller to an agent, a queue or a number. */
  transfer: agent.input(ZTransferCallInput).mutation(({ ctx, input }) => transferAgentCall(ctx.actor, input)),
  /** An attended transfer's consultation (the caller held) or a third party added (three-way), to an agent or a number. */
  consult: agent.input(ZConsultCallInput).mutation(({ ctx, input }) => consultAgentCall(ctx.actor, input)),
  /** Complete the transfer, cancel the consultation, or turn it into a three-way call. */
  finishConsult: agent.input(ZFinishConsultInput).mutation(({ ctx, input }) => finishConsult(ctx.actor, input)),
  /** After a reload: the agent's call, still live, rings their softphone again (answered by itself). */
  reattach: agent.mutation(({ ctx }) => reattachAgentCall(ctx.actor)),
  /** The agent's consultation going on, if any. */
  myConsult: agent.query(({ ctx }) => getMyConsult(ctx.actor)),
  /** What the agent's ringing phone is about: the caller, their contact, the queue and the wait, who sent it. */
  myOffer: agent.query(({ ctx }) => getMyOffer(ctx.actor)),
  /** The agent's call history, newest first. */
  myCalls: agent.input(ZFindMyCallsInput).query(({ ctx, input }) => findMyCalls(ctx.actor, input)),
  endWrapUp: agent.input(ZEndWrapUpInput).mutation(({ ctx, input }) => endWrapUp(ctx.actor, input)),
  /** Server-sent events: agent state changes (all of the tenant's for supervisors, one's own for agents), and resyncs. */
  onChange: agent.input(z.void()).subscription(({ ctx, signal }) => watchAgentChanges(ctx.actor, signal ?? new AbortController().signal)),
  list: supervisor.input(z.void()).query(({ ctx }) => findAgents(ctx.actor)),
  forceState: supervisor.input(ZForceAgentStateInput).mutation(({ ctx, input }) => forceAgentState(ctx.actor, input)),
  /** Listen to, whisper to or barge into an agent's call from the supervisor's own softphone (audited). */
  monitor: supervisor.input(ZMonitorAgentCallInput).mutation(({ ctx, input }) => monitorAgentCall(ctx.actor, input)),
  monitorMode: supervisor.input(ZChangeMonitorModeInput).mutation(({ ctx, input }) => changeMonitorMode(ctx.actor, input)),
  stopMonitor: supervisor.input(ZMonitorIdInput).mutation(({ ctx, input }) => stopMonitor(ctx.actor, input)),
});
