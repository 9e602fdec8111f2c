// The contact centre's settings (skills, away reasons, disposition codes, queues, agents' skills and queues) and its
// queue metrics for the queue pages and the wallboard.
import { z } from "zod";
import { ZFindQueueMetricsInput } from "@/server/acd/acd.schemas";
import { findQueueMetrics } from "@/server/acd/find-queue-metrics";
import { AGENT_ROLE, SUPERVISOR_ROLE } from "@/server/agents/agent-view";
import { ZUpdateAgentInput } from "@/server/agents/agents.schemas";
import { ZCreateListItemInput, ZCreateQueueInput, ZFindQueueCallbacksInput, ZListKind, ZQueueIdInput, ZRemoveListItemInput, ZRenameListItemInput, ZSetQueueAgentsInput, ZSetQueueSkillsInput, ZUpdateQueueInput } from "@/server/contact-centre/contact-centre.schemas";
import { createListItem } from "@/server/contact-centre/create-list-item";
import { createQueue } from "@/server/contact-centre/create-queue";
import { findListItems } from "@/server/contact-centre/find-list-items";
import { findQueueCallbacks } from "@/server/contact-centre/find-queue-callbacks";
import { findQueues } from "@/server/contact-centre/find-queues";
import { getQueue } from "@/server/contact-centre/get-queue";
import { removeListItem } from "@/server/contact-centre/remove-list-item";
import { renameListItem } from "@/server/contact-centre/rename-list-item";
import { setQueueAgents } from "@/server/contact-centre/set-queue-agents";
import { setQueueSkills } from "@/server/contact-centre/set-queue-skills";
import { updateAgent } from "@/server/contact-centre/update-agent";
import { updateQueue } from "@/server/contact-centre/update-queue";
import { createTRPCRouter, tenantProcedure } from "@/trpc/init";

const agent = tenantProcedure(AGENT_ROLE);
const supervisor = tenantProcedure(SUPERVISOR_ROLE);

export const contactCentreRouter = createTRPCRouter({
  /** Skills, away reasons or disposition codes; archived ones only when asked (the settings page). */
  list: agent.input(z.object({ kind: ZListKind, includeArchived: z.boolean().default(false) })).query(({ ctx, input }) => findListItems(ctx.actor, input.kind, { includeArchived: input.includeArchived })),
  createItem: supervisor.input(ZCreateListItemInput).mutation(({ ctx, input }) => createListItem(ctx.actor, input)),
  renameItem: supervisor.input(ZRenameListItemInput).mutation(({ ctx, input }) => renameListItem(ctx.actor, input)),
  removeItem: supervisor.input(ZRemoveListItemInput).mutation(({ ctx, input }) => removeListItem(ctx.actor, input)),
  queues: supervisor.input(z.void()).query(({ ctx }) => findQueues(ctx.actor)),
  queue: supervisor.input(ZQueueIdInput).query(({ ctx, input }) => getQueue(ctx.actor, input)),
  createQueue: supervisor.input(ZCreateQueueInput).mutation(({ ctx, input }) => createQueue(ctx.actor, input)),
  updateQueue: supervisor.input(ZUpdateQueueInput).mutation(({ ctx, input }) => updateQueue(ctx.actor, input)),
  setQueueSkills: supervisor.input(ZSetQueueSkillsInput).mutation(({ ctx, input }) => setQueueSkills(ctx.actor, input)),
  setQueueAgents: supervisor.input(ZSetQueueAgentsInput).mutation(({ ctx, input }) => setQueueAgents(ctx.actor, input)),
  updateAgent: supervisor.input(ZUpdateAgentInput).mutation(({ ctx, input }) => updateAgent(ctx.actor, input)),
  /** Callers who pressed 1 to be called back (one queue's or all): open ones in their place, then finished ones. */
  queueCallbacks: supervisor.input(ZFindQueueCallbacksInput.optional()).query(({ ctx, input }) => findQueueCallbacks(ctx.actor, input ?? {})),
  /** Live and windowed numbers of one queue or all (the wallboard polls this). */
  queueMetrics: supervisor.input(ZFindQueueMetricsInput.optional()).query(({ ctx, input }) => findQueueMetrics(ctx.actor, input ?? {})),
});
