"use client";

// One node on the canvas: its kind, label and settings in a line, its problems (a red outline and the first message),
// an input on top and one output per branch below, and the simulated call's light (the step it is at, the steps it
// passed).
import { Handle, Position, type NodeProps, type Node } from "@xyflow/react";
import { AlertTriangleIcon } from "lucide-react";
import { memo } from "react";
import type { FlowNode } from "@/lib/ivr-flows/flow-graph";
import { branchesOf } from "@/lib/ivr-flows/flow-branches";
import type { FlowIssue } from "@/lib/ivr-flows/validate-flow";
import { cn } from "@/lib/utils";
import { NODE_KINDS, nodeSummary } from "@/components/portal/flows/node-kinds";

export type TrialLight = "active" | "visited" | null;

export type FlowCanvasNode = Node<{ node: FlowNode; issues: FlowIssue[]; light: TrialLight }, "flowNode">;

function FlowNodeCardInner({ data, selected }: NodeProps<FlowCanvasNode>) {
  const { node, issues, light } = data;
  const kind = NODE_KINDS[node.kind];
  const Icon = kind.icon;
  const errors = issues.filter((i) => i.severity === "error");
  const branches = branchesOf(node);
  return (
    <div
      data-testid={`flow-node-${node.id}`}
      data-trial={light ?? undefined}
      data-invalid={errors.length > 0 || undefined}
      className={cn(
        "w-60 rounded-lg border bg-card text-card-foreground shadow-sm transition-shadow",
        selected && "ring-2 ring-ring",
        errors.length > 0 && "border-destructive",
        light === "visited" && "ring-2 ring-emerald-500/60",
        light === "active" && "ring-4 ring-emerald-500 shadow-lg shadow-emerald-500/30",
      )}
    >
      {node.kind !== "start" && <Handle type="target" position={Position.Top} className="!size-3 !border-2 !border-background !bg-muted-foreground" />}
      <div className="flex items-center gap-2 border-b px-3 py-2">
        <Icon className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium">{node.label || kind.label}</p>
          {node.label && <p className="truncate text-xs text-muted-foreground">{kind.label}</p>}
        </div>
        {issues.length > 0 && (
          <span title={issues.map((i) => i.message).join("\n")} className={cn("flex items-center gap-1 text-xs", errors.length ? "text-destructive" : "text-amber-600 dark:text-amber-400")}>
            <AlertTriangleIcon className="size-3.5" aria-hidden="true" />
            {issues.length}
          </span>
        )}
      </div>
      <div className="px-3 py-2">
        <p className="line-clamp-2 text-xs text-muted-foreground">{nodeSummary(node) || "\u00a0"}</p>
        {issues[0] && <p className={cn("mt-1 line-clamp-2 text-xs", errors.length ? "text-destructive" : "text-amber-600 dark:text-amber-400")}>{issues[0].message.replace(/^"[^"]*": |^\w+ step [\w-]+: /, "")}</p>}
      </div>
      {branches.length > 0 && (
        <div className="flex justify-around gap-1 border-t px-1 pt-1 pb-2">
          {branches.map((b) => (
            <div key={b.name} className="relative flex min-w-0 flex-1 flex-col items-center">
              <span className="truncate text-[10px] text-muted-foreground">{b.label}</span>
              <Handle id={b.name} type="source" position={Position.Bottom} className={cn("!relative !top-auto !bottom-auto !left-auto !mt-1 !size-3 !translate-x-0 !translate-y-0 !border-2 !border-background", b.required ? "!bg-primary" : "!bg-muted-foreground")} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

export const FlowNodeCard = memo(FlowNodeCardInner);
