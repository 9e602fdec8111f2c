// The branches (outputs) of each kind of node, and which must be connected. A branch left unconnected where it is
// optional ends the call there (a menu's timeout after its retries, a dial nobody answered, the last prompt).
import type { FlowEdge, FlowGraph, FlowNode } from "./flow-graph";

export interface BranchSpec {
  name: string;
  label: string;
  required: boolean;
}

const next = (required: boolean): BranchSpec => ({ name: "next", label: "Next", required });

export function branchesOf(node: FlowNode): BranchSpec[] {
  switch (node.kind) {
    case "start":
      return [next(true)];
    case "say":
    case "record":
      return [next(false)];
    case "setVariable":
      return [next(true)];
    case "menu":
      return [
        ...node.options.map((o) => ({ name: o.key, label: o.label ? `${o.key} · ${o.label}` : `Key ${o.key}`, required: true })),
        { name: "timeout", label: "No input", required: false },
        { name: "invalid", label: "Invalid", required: false },
      ];
    case "businessHours":
      return [
        { name: "open", label: "Open", required: true },
        { name: "closed", label: "Closed", required: true },
        { name: "holiday", label: "Holiday", required: false },
      ];
    case "condition":
      return [
        { name: "true", label: "True", required: true },
        { name: "false", label: "False", required: true },
      ];
    case "http":
      return [
        { name: "success", label: "2xx", required: true },
        { name: "failure", label: "Error", required: true },
      ];
    case "dial":
      return [
        { name: "answered", label: "Answered", required: false },
        { name: "failed", label: "No answer", required: false },
      ];
    case "transfer":
    case "queue":
    case "voicemail":
    case "hangup":
      return [];
  }
}

/** Nodes that run on the server only: the caller hears nothing while they run. */
export const SILENT_KINDS = new Set<FlowNode["kind"]>(["start", "setVariable", "condition", "http", "businessHours"]);

/** Where a node's branch leads, or null when it is not connected. */
export function targetOf(graph: Pick<FlowGraph, "edges">, nodeId: string, branch: string): string | null {
  return graph.edges.find((e) => e.source === nodeId && e.branch === branch)?.target ?? null;
}

export function edgesFrom(graph: Pick<FlowGraph, "edges">, nodeId: string): FlowEdge[] {
  return graph.edges.filter((e) => e.source === nodeId);
}

export function edgeId(source: string, branch: string, target: string): string {
  return `${source}-${branch}-${target}`;
}
