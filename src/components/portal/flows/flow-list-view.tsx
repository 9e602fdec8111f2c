"use client";

// The flow as a list, for phone width (a canvas is no use there): each step with its settings in a line, its problems
// and its branches; choosing a step opens its form.
import { AlertTriangleIcon } from "lucide-react";
import { branchesOf, targetOf } from "@/lib/ivr-flows/flow-branches";
import type { FlowGraph } from "@/lib/ivr-flows/flow-graph";
import type { FlowIssue } from "@/lib/ivr-flows/validate-flow";
import { cn } from "@/lib/utils";
import type { TrialLight } from "@/components/portal/flows/flow-node-card";
import { NODE_KINDS, nodeSummary } from "@/components/portal/flows/node-kinds";

export function FlowListView({ graph, issues, selectedId, lightOf, onSelect }: { graph: FlowGraph; issues: FlowIssue[]; selectedId: string | null; lightOf: (id: string) => TrialLight; onSelect: (id: string) => void }) {
  const name = (id: string | null) => {
    const n = id ? graph.nodes.find((x) => x.id === id) : undefined;
    return n ? n.label || NODE_KINDS[n.kind].label : "ends the call";
  };
  return (
    <ol className="flex flex-col gap-2" aria-label="Flow steps">
      {graph.nodes.map((node) => {
        const mine = issues.filter((i) => i.nodeId === node.id);
        const Icon = NODE_KINDS[node.kind].icon;
        const light = lightOf(node.id);
        return (
          <li key={node.id}>
            <button
              type="button"
              data-testid={`flow-step-${node.id}`}
              data-trial={light ?? undefined}
              onClick={() => onSelect(node.id)}
              className={cn(
                "flex w-full flex-col gap-1 rounded-lg border bg-card p-3 text-left",
                node.id === selectedId && "ring-2 ring-ring",
                mine.some((i) => i.severity === "error") && "border-destructive",
                light === "visited" && "ring-2 ring-emerald-500/60",
                light === "active" && "ring-4 ring-emerald-500",
              )}
            >
              <span className="flex items-center gap-2 text-sm font-medium">
                <Icon className="size-4 text-muted-foreground" aria-hidden="true" />
                {node.label || NODE_KINDS[node.kind].label}
                {mine.length > 0 && <AlertTriangleIcon className="size-4 text-destructive" aria-label={`${mine.length} problems`} />}
              </span>
              <span className="line-clamp-2 text-xs text-muted-foreground">{nodeSummary(node)}</span>
              {branchesOf(node).map((b) => (
                <span key={b.name} className="text-xs">
                  {b.label} → {name(targetOf(graph, node.id, b.name))}
                </span>
              ))}
              {mine[0] && <span className="text-xs text-destructive">{mine[0].message}</span>}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
