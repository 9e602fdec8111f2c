import { db } from "@/server/db";
import { flowStepUrl } from "./flow-step-url";
import { readGraph } from "./flow-view";
import { entryNodeId } from "./run-flow-step";

export interface FlowEntry {
  flowId: string;
  versionId: string;
  /** irisx:flow/<versionId>/<startNodeId>: what the call fetches first. */
  url: string;
}

type FlowWithVersion = { id: string; tenantId: string; publishedVersion: { id: string; graph: unknown } | null } | null | undefined;

const FLOW_SELECT = { id: true, tenantId: true, publishedVersion: { select: { id: true, graph: true } } } as const;

/** Where a call to the number enters its flow: the published version's start node, or null (no flow, nothing published). */
export async function findFlowEntry(input: { tenantId: string; phoneNumberId: string }): Promise<FlowEntry | null> {
  const number = await db.phoneNumber.findFirst({ where: { id: input.phoneNumberId, tenantId: input.tenantId }, select: { voiceFlow: { select: FLOW_SELECT } } });
  return entryOf(number?.voiceFlow, input.tenantId);
}

/** Where a call placed with `flow_id` enters the flow: its published version's start node, or null. */
export async function findFlowEntryById(input: { tenantId: string; flowId: string }): Promise<FlowEntry | null> {
  return entryOf(await db.flow.findFirst({ where: { id: input.flowId, tenantId: input.tenantId }, select: FLOW_SELECT }), input.tenantId);
}

function entryOf(flow: FlowWithVersion, tenantId: string): FlowEntry | null {
  if (!flow || flow.tenantId !== tenantId || !flow.publishedVersion) return null;
  const start = entryNodeId(readGraph(flow.publishedVersion.graph));
  if (!start) return null;
  return { flowId: flow.id, versionId: flow.publishedVersion.id, url: flowStepUrl({ versionId: flow.publishedVersion.id, nodeId: start }) };
}

/** The irisx:flow URL a call to the number starts at, or null when the number has no published flow. */
export async function flowEntryUrl(input: { tenantId: string; phoneNumberId: string }): Promise<string | null> {
  return (await findFlowEntry(input))?.url ?? null;
}
