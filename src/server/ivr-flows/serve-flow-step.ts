// The "flow" platform application: irisx:flow/<flowVersionId>/<nodeId>?… answered with that step's voice document.
// The version must be the request's tenant's (another tenant's id is 11200, as a missing one). Versions never change,
// so their parsed graphs are kept in memory.
import { db } from "@/server/db";
import type { FlowGraph } from "@/lib/ivr-flows/flow-graph";
import type { InternalAppRequest, InternalAppResult } from "@/server/voice-apps/internal-apps";
import { readFlowStepQuery } from "./flow-step-url";
import { readGraph } from "./flow-view";
import { sendFlowHttpStep } from "./flow-http-step";
import { runFlowStep, type FlowStepDeps, type FlowStepResult } from "./run-flow-step";

const CACHE_LIMIT = 500;
const versions = new Map<string, { tenantId: string; graph: FlowGraph }>();

async function loadVersion(versionId: string): Promise<{ tenantId: string; graph: FlowGraph } | null> {
  const cached = versions.get(versionId);
  if (cached) return cached;
  const row = await db.flowVersion.findUnique({ where: { id: versionId }, select: { tenantId: true, graph: true } });
  if (!row) return null;
  const entry = { tenantId: row.tenantId, graph: readGraph(row.graph) };
  if (versions.size >= CACHE_LIMIT) versions.delete(versions.keys().next().value!);
  versions.set(versionId, entry);
  return entry;
}

export const LIVE_FLOW_DEPS: FlowStepDeps = { now: () => new Date(), sendHttp: sendFlowHttpStep };

/** `<versionId>/<nodeId>` of the URL's path, or null when it is not one. */
export function readFlowStepPath(path: string): { versionId: string; nodeId: string } | null {
  const [versionId, nodeId, ...rest] = path.split("/").map((p) => decodeURIComponent(p));
  return versionId && nodeId && rest.length === 0 ? { versionId, nodeId } : null;
}

/** The step with the nodes it passed through (the simulated call lights them up). */
export async function serveFlowStepWithTrail(request: InternalAppRequest, deps: FlowStepDeps = LIVE_FLOW_DEPS): Promise<FlowStepResult> {
  const address = readFlowStepPath(request.path);
  if (!address) return { ok: false, code: 11200, message: `irisx:flow/${request.path}: not a flow step (irisx:flow/<flowVersionId>/<nodeId>)` };
  const version = await loadVersion(address.versionId);
  if (!version || version.tenantId !== request.tenantId) return { ok: false, code: 11200, message: `flow version ${address.versionId} not found` };
  return runFlowStep({ versionId: address.versionId, graph: version.graph, nodeId: address.nodeId, query: readFlowStepQuery(request.query), params: request.params }, deps);
}

export async function serveFlowStep(request: InternalAppRequest): Promise<InternalAppResult> {
  const result = await serveFlowStepWithTrail(request);
  return result.ok ? { ok: true, document: result.document } : result;
}
