// /api/v1/flows: the account's IVR flows. A flow's graph (nodes and edges, src/lib/ivr-flows/flow-graph.ts) is a
// document of its own and keeps its names; the resource around it is snake_case like every other.
import { z } from "zod";
import { ZFlowGraph } from "@/lib/ivr-flows/flow-graph";
import { createFlow } from "@/server/ivr-flows/create-flow";
import { findFlows } from "@/server/ivr-flows/find-flows";
import type { FlowSummary, FlowView } from "@/server/ivr-flows/flow-view";
import { getFlow } from "@/server/ivr-flows/get-flow";
import { ZFlowName } from "@/server/ivr-flows/ivr-flows.schemas";
import { publishFlow } from "@/server/ivr-flows/publish-flow";
import { defineRoute } from "@/server/api/define-route";
import { withApiFieldNames } from "@/server/api/api-field-names";
import { listOf, toList, ZPageQuery } from "@/server/api/paging";

const ZFlowVersionResource = z
  .object({ id: z.string().meta({ example: "fv_01JF3Q8W5V3T6Y7Z8A9B0C1D2E" }), number: z.number().int().meta({ example: 3 }), published_at: z.iso.datetime() })
  .meta({ id: "FlowVersion", description: "A published version: immutable; calls address it by id (irisx:flow/<id>/<node>)" });

const summaryFields = {
  id: z.string().meta({ example: "flow_01JF3Q8W5V3T6Y7Z8A9B0C1D2E" }),
  name: z.string().meta({ example: "Main line" }),
  published_version: ZFlowVersionResource.nullable().meta({ description: "The version new calls start on; null until the first publish" }),
  phone_numbers: z.array(z.object({ id: z.string(), phone_number: z.string() })).meta({ description: "Numbers that answer with this flow" }),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
};

export const ZFlowSummaryResource = z.object(summaryFields).meta({ id: "FlowSummary" });

const ZFlowIssueResource = z
  .object({
    node_id: z.string().nullable(),
    severity: z.enum(["error", "warning"]),
    code: z.string().meta({ example: "dangling_branch" }),
    message: z.string().meta({ example: '"Main menu": branch "Key 2" leads nowhere' }),
  })
  .meta({ id: "FlowIssue" });

export const ZFlowResource = z
  .object({
    ...summaryFields,
    draft: ZFlowGraph.meta({ description: "The graph being edited: nodes (say, menu, businessHours, setVariable, condition, http, dial, transfer, queue, voicemail, record, hangup, one start) and edges (a branch of a node to a node)" }),
    issues: z.array(ZFlowIssueResource).meta({ description: "Problems of the draft, each naming its node; errors block publishing" }),
    has_unpublished_changes: z.boolean(),
  })
  .meta({ id: "Flow" });

const ZFlowParams = z.strictObject({ flowId: z.string().min(1).max(64).meta({ description: "Flow id", example: "flow_01JF3Q8W5V3T6Y7Z8A9B0C1D2E" }) });

function toSummaryResource(f: FlowSummary): z.input<typeof ZFlowSummaryResource> {
  return {
    id: f.id,
    name: f.name,
    published_version: f.publishedVersion ? { id: f.publishedVersion.id, number: f.publishedVersion.number, published_at: f.publishedVersion.publishedAt.toISOString() } : null,
    phone_numbers: f.numbers.map((n) => ({ id: n.id, phone_number: n.phoneNumber })),
    created_at: f.createdAt.toISOString(),
    updated_at: f.updatedAt.toISOString(),
  };
}

function toResource(f: FlowView): z.input<typeof ZFlowResource> {
  return {
    ...toSummaryResource(f),
    draft: f.draft,
    issues: f.issues.map((i) => ({ node_id: i.nodeId, severity: i.severity, code: i.code, message: i.message })),
    has_unpublished_changes: f.hasUnpublishedChanges,
  };
}

export const listFlowsRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/flows",
    operationId: "listFlows",
    tag: "IVR flows",
    summary: "List flows",
    description: "The account's IVR flows, newest first.",
    scope: "flows:read",
    query: ZPageQuery,
    response: listOf(ZFlowSummaryResource, "FlowList"),
  },
  async ({ actor, query }) => toList(await findFlows(actor, { limit: query.limit, cursor: query.starting_after }), toSummaryResource),
);

export const createFlowRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/flows",
    operationId: "createFlow",
    tag: "IVR flows",
    summary: "Create a flow",
    description: "A new flow with its draft (a greeting and a goodbye unless `draft` is given). Calls never run a draft: publish it, then give a number its `voice_flow_id`.",
    scope: "flows:write",
    body: z.strictObject({ name: ZFlowName.meta({ example: "Main line" }), draft: ZFlowGraph.optional() }),
    response: ZFlowResource,
    status: 201,
    example: { name: "Main line" },
  },
  async ({ actor, body }) => toResource(await withApiFieldNames(() => createFlow(actor, { name: body.name, graph: body.draft }))),
);

export const getFlowRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/flows/{flowId}",
    operationId: "getFlow",
    tag: "IVR flows",
    summary: "Retrieve a flow",
    scope: "flows:read",
    params: ZFlowParams,
    response: ZFlowResource,
  },
  async ({ actor, params }) => toResource(await getFlow(actor, { id: params.flowId })),
);

export const publishFlowRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/flows/{flowId}/publish",
    operationId: "publishFlow",
    tag: "IVR flows",
    summary: "Publish a flow",
    description:
      "Freezes the draft as the next version, which new calls to the flow's numbers start on; calls already running keep their version. A draft with errors answers 422, `details.fieldErrors` keyed `nodes.<nodeId>`.",
    scope: "flows:write",
    params: ZFlowParams,
    response: ZFlowResource,
    errors: [422],
  },
  async ({ actor, params }) => toResource(await publishFlow(actor, { id: params.flowId })),
);
