import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { startSession } from "@/server/voice-documents/interpreter/start-session";
import { assertRole, type Actor } from "@/server/tenancy";
import { FLOW_READ_ROLE, loadTenantFlow, readGraph } from "./flow-view";
import { driveTrial, sealTrial, type TrialView } from "./flow-trial";
import { DRAFT_REF_PREFIX, trialFetch } from "./trial-fetch";
import { flowStepUrl } from "./flow-step-url";
import { ZStartFlowTrialInput, type TStartFlowTrialInput } from "./ivr-flows.schemas";
import { entryNodeId } from "./run-flow-step";
import { LIVE_FLOW_DEPS } from "./serve-flow-step";
import { SIMULATED_CALL_SID, SIMULATED_CALLER } from "./trial-call";

/** Places a simulated call into the flow: it runs until the flow first waits for the caller (or ends). */
export async function startFlowTrial(actor: Actor, input: TStartFlowTrialInput): Promise<TrialView> {
  assertRole(actor, FLOW_READ_ROLE);
  const { flowId, source } = ZStartFlowTrialInput.parse(input);
  const flow = await loadTenantFlow(db, actor.tenantId, flowId);
  const version = source === "published" ? flow.publishedVersion : null;
  if (source === "published" && !version) throw new AppError("UNPROCESSABLE", "the flow has no published version yet", { details: { fieldErrors: { source: ["nothing published"] } } });
  const graph = readGraph(version ? version.graph : flow.draft);
  const start = entryNodeId(graph);
  if (!start) throw new AppError("UNPROCESSABLE", "the flow has no start node", { details: { fieldErrors: { graph: ["no start node"] } } });
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { accountSid: true } });
  const to = flow.phoneNumbers[0]?.e164 ?? "+15555550199";
  const decision = startSession({
    call: { callSid: SIMULATED_CALL_SID, accountSid: tenant.accountSid, from: SIMULATED_CALLER, to, direction: "inbound", status: "in-progress" },
    url: { url: flowStepUrl({ versionId: version?.id ?? `${DRAFT_REF_PREFIX}${flow.id}`, nodeId: start }), method: "POST" },
  });
  const run = await driveTrial(decision, trialFetch(actor.tenantId, SIMULATED_CALL_SID, LIVE_FLOW_DEPS), null);
  return { token: sealTrial({ tenantId: actor.tenantId, flowId, currentNodeId: run.currentNodeId, state: run.state }), events: run.events, waiting: run.waiting, ended: run.state.awaiting.kind === "ended", currentNodeId: run.currentNodeId };
}

