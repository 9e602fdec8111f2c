// What callers see of a flow, shared by the use-cases here so tRPC and REST answer one shape, and who may act on flows.
import type { Flow, FlowVersion } from "@/generated/prisma/client";
import type { DbOrTx } from "@/server/db";
import { ZFlowGraph, type FlowGraph } from "@/lib/ivr-flows/flow-graph";
import { notFound } from "@/server/errors";
import { validateFlow, type FlowIssue } from "@/lib/ivr-flows/validate-flow";
import type { RoleRule } from "@/server/tenancy";

/** Reading flows: whoever runs the floor or builds on the platform. */
export const FLOW_READ_ROLE: RoleRule = { minRole: "SUPERVISOR", alsoAllow: ["DEVELOPER"] };
/** Editing and publishing flows changes what callers hear: admins, and developers who build them. */
export const FLOW_WRITE_ROLE: RoleRule = { minRole: "ADMIN", alsoAllow: ["DEVELOPER"] };

export interface FlowVersionSummary {
  id: string;
  number: number;
  publishedAt: Date;
  publishedById: string | null;
}

export interface FlowNumber {
  id: string;
  phoneNumber: string;
  friendlyName: string;
}

export interface FlowSummary {
  id: string;
  name: string;
  publishedVersion: FlowVersionSummary | null;
  numbers: FlowNumber[];
  nodeCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface FlowView extends FlowSummary {
  draft: FlowGraph;
  /** Problems of the draft, each naming its node; errors block publishing. */
  issues: FlowIssue[];
  /** The draft differs from the published version (or nothing is published yet). */
  hasUnpublishedChanges: boolean;
}

type FlowRow = Flow & { publishedVersion: FlowVersion | null; phoneNumbers: { id: string; e164: string; friendlyName: string }[] };

export const FLOW_VIEW_INCLUDE = {
  publishedVersion: true,
  phoneNumbers: { select: { id: true, e164: true, friendlyName: true }, orderBy: { e164: "asc" as const } },
} as const;

export function toVersionSummary(v: FlowVersion): FlowVersionSummary {
  return { id: v.id, number: v.number, publishedAt: v.publishedAt, publishedById: v.publishedById };
}

/** A stored graph, read back through the schema (defaults filled, shape checked). */
export function readGraph(json: unknown): FlowGraph {
  return ZFlowGraph.parse(json);
}

export function toFlowSummary(row: FlowRow): FlowSummary {
  const draft = row.draft as { nodes?: unknown[] };
  return {
    id: row.id,
    name: row.name,
    publishedVersion: row.publishedVersion ? toVersionSummary(row.publishedVersion) : null,
    numbers: row.phoneNumbers.map((n) => ({ id: n.id, phoneNumber: n.e164, friendlyName: n.friendlyName })),
    nodeCount: Array.isArray(draft.nodes) ? draft.nodes.length : 0,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toFlowView(row: FlowRow): FlowView {
  const draft = readGraph(row.draft);
  return {
    ...toFlowSummary(row),
    draft,
    issues: validateFlow(draft),
    hasUnpublishedChanges: !row.publishedVersion || JSON.stringify(readGraph(row.publishedVersion.graph)) !== JSON.stringify(draft),
  };
}

/** The flow row of the tenant; another tenant's id is NOT_FOUND, exactly like a missing one. */
export async function loadTenantFlow(client: DbOrTx, tenantId: string, id: string): Promise<FlowRow> {
  const row = await client.flow.findFirst({ where: { id, tenantId }, include: FLOW_VIEW_INCLUDE });
  if (!row) throw notFound("flow");
  return row;
}
