"use client";

// The flow drawn with React Flow: nodes dragged, branches connected by dragging from a branch's dot to a node, a
// selected node or connection removed with Delete/Backspace (the start stays). The graph itself lives in the builder;
// this only draws it and reports changes.
import "@xyflow/react/dist/style.css";
import { Background, Controls, ReactFlow, useReactFlow, type Connection, type Edge, type EdgeChange, type NodeChange } from "@xyflow/react";
import { useTheme } from "next-themes";
import { useEffect, useMemo } from "react";
import type { FlowGraph } from "@/lib/ivr-flows/flow-graph";
import { edgeId } from "@/lib/ivr-flows/flow-branches";
import type { FlowIssue } from "@/lib/ivr-flows/validate-flow";
import { FlowNodeCard, type FlowCanvasNode, type TrialLight } from "@/components/portal/flows/flow-node-card";

const NODE_TYPES = { flowNode: FlowNodeCard };
const FIT = { padding: 0.2, maxZoom: 1 };

/** A step added or removed: the view is fitted again so the new step is in sight. */
function FitOnCountChange({ count }: { count: number }) {
  const { fitView } = useReactFlow();
  useEffect(() => {
    void fitView({ ...FIT, duration: 200 });
  }, [count, fitView]);
  return null;
}

interface Props {
  graph: FlowGraph;
  issues: FlowIssue[];
  selectedId: string | null;
  lightOf: (nodeId: string) => TrialLight;
  readOnly: boolean;
  onSelect: (nodeId: string | null) => void;
  onGraph: (update: (graph: FlowGraph) => FlowGraph) => void;
}

export function FlowCanvas({ graph, issues, selectedId, lightOf, readOnly, onSelect, onGraph }: Props) {
  const { resolvedTheme } = useTheme();
  const nodes: FlowCanvasNode[] = useMemo(
    () =>
      graph.nodes.map((node) => ({
        id: node.id,
        type: "flowNode" as const,
        position: node.position,
        selected: node.id === selectedId,
        deletable: node.kind !== "start" && !readOnly,
        data: { node, issues: issues.filter((i) => i.nodeId === node.id), light: lightOf(node.id) },
      })),
    [graph.nodes, issues, selectedId, lightOf, readOnly],
  );
  const edges: Edge[] = useMemo(
    () =>
      graph.edges.map((e) => {
        const lit = lightOf(e.source) && lightOf(e.target);
        return { id: e.id, source: e.source, sourceHandle: e.branch, target: e.target, animated: !!lit, style: lit ? { stroke: "rgb(16 185 129)", strokeWidth: 2 } : undefined };
      }),
    [graph.edges, lightOf],
  );

  function onNodesChange(changes: NodeChange<FlowCanvasNode>[]) {
    const moved = new Map<string, { x: number; y: number }>();
    const removed = new Set<string>();
    for (const c of changes) {
      if (c.type === "position" && c.position) moved.set(c.id, c.position);
      if (c.type === "remove") removed.add(c.id);
      if (c.type === "select" && c.selected) onSelect(c.id);
    }
    if (readOnly || (moved.size === 0 && removed.size === 0)) return;
    onGraph((g) => ({
      nodes: g.nodes.filter((n) => !removed.has(n.id) || n.kind === "start").map((n) => (moved.has(n.id) ? { ...n, position: moved.get(n.id)! } : n)),
      edges: g.edges.filter((e) => !removed.has(e.source) && !removed.has(e.target)),
    }));
  }

  function onEdgesChange(changes: EdgeChange[]) {
    const removed = new Set(changes.filter((c) => c.type === "remove").map((c) => c.id));
    if (readOnly || removed.size === 0) return;
    onGraph((g) => ({ ...g, edges: g.edges.filter((e) => !removed.has(e.id)) }));
  }

  function onConnect(c: Connection) {
    if (readOnly || !c.sourceHandle || c.source === c.target) return;
    const branch = c.sourceHandle;
    // One target per branch: connecting again moves the branch.
    onGraph((g) => ({ ...g, edges: [...g.edges.filter((e) => !(e.source === c.source && e.branch === branch)), { id: edgeId(c.source, branch, c.target), source: c.source, branch, target: c.target }] }));
  }

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={NODE_TYPES}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      onPaneClick={() => onSelect(null)}
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      colorMode={resolvedTheme === "dark" ? "dark" : "light"}
      fitView
      fitViewOptions={FIT}
      minZoom={0.2}
      proOptions={{ hideAttribution: true }}
      aria-label="Flow canvas"
    >
      <FitOnCountChange count={graph.nodes.length} />
      <Background gap={16} />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
