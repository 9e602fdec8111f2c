// Where a simulated call's requests go: irisx:flow URLs to the flow application for the trial's tenant (a published
// version), or to the flow's saved draft when the trial runs the draft ("draft.<flowId>" in place of a version id,
// understood here only: live calls never run a draft). Any other URL is a hand-off the simulation ends at.
import { db } from "@/server/db";
import { serveFlowStepWithTrail, readFlowStepPath, LIVE_FLOW_DEPS } from "./serve-flow-step";
import { readFlowStepQuery, FLOW_APP } from "./flow-step-url";
import { readGraph } from "./flow-view";
import { runFlowStep, type FlowStepDeps } from "./run-flow-step";
import type { TrialFetch } from "./flow-trial";

export const DRAFT_REF_PREFIX = "draft.";

export function trialFetch(tenantId: string, callId: string, deps: FlowStepDeps = LIVE_FLOW_DEPS): TrialFetch {
  return async (url, params) => {
    const prefix = `irisx:${FLOW_APP}/`;
    if (!url.startsWith(prefix)) return { handoff: url };
    const [pathPart = "", queryPart = ""] = url.slice(prefix.length).split("?", 2);
    const query = new URLSearchParams(queryPart);
    const address = readFlowStepPath(pathPart);
    if (address?.versionId.startsWith(DRAFT_REF_PREFIX)) {
      const flow = await db.flow.findFirst({ where: { id: address.versionId.slice(DRAFT_REF_PREFIX.length), tenantId }, select: { draft: true } });
      if (!flow) return { ok: false, code: 11200, message: "flow not found" };
      return runFlowStep({ versionId: address.versionId, graph: readGraph(flow.draft), nodeId: address.nodeId, query: readFlowStepQuery(query), params }, deps);
    }
    return serveFlowStepWithTrail({ tenantId, callId, path: pathPart, query, params }, deps);
  };
}
