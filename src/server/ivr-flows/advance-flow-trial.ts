import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { advanceSession } from "@/server/voice-documents/interpreter/advance-session";
import { assertRole, type Actor } from "@/server/tenancy";
import { FLOW_READ_ROLE, loadTenantFlow } from "./flow-view";
import { driveTrial, openTrial, sealTrial, trialOutcome, type TrialView } from "./flow-trial";
import { trialFetch } from "./trial-fetch";
import { ZAdvanceFlowTrialInput, type TAdvanceFlowTrialInput } from "./ivr-flows.schemas";
import { LIVE_FLOW_DEPS } from "./serve-flow-step";
import { SIMULATED_CALL_SID } from "./trial-call";

/** The caller pressed a key, spoke, let the timeout pass or hung up: the simulation runs on to the next wait. */
export async function advanceFlowTrial(actor: Actor, input: TAdvanceFlowTrialInput): Promise<TrialView> {
  assertRole(actor, FLOW_READ_ROLE);
  const parsed = ZAdvanceFlowTrialInput.parse(input);
  await loadTenantFlow(db, actor.tenantId, parsed.flowId);
  const { state, currentNodeId } = openTrial(parsed.token, actor.tenantId, parsed.flowId);
  if (state.awaiting.kind === "ended") throw new AppError("BAD_REQUEST", "the simulated call has ended: start a new one", { details: { fieldErrors: { token: ["call ended"] } } });
  const decision = advanceSession(state, trialOutcome(parsed.input, state));
  const run = await driveTrial(decision, trialFetch(actor.tenantId, SIMULATED_CALL_SID, LIVE_FLOW_DEPS), currentNodeId);
  if (parsed.input.kind === "hangup") run.events.push({ kind: "ended", text: "You hung up" });
  return {
    token: sealTrial({ tenantId: actor.tenantId, flowId: parsed.flowId, currentNodeId: run.currentNodeId, state: run.state }),
    events: run.events,
    waiting: run.waiting,
    ended: run.state.awaiting.kind === "ended",
    currentNodeId: run.currentNodeId,
  };
}
