"use client";

// The flow editor: the draft on a canvas (a list at phone width), a palette to add steps, the selected step's form,
// the draft's problems named per step, save (Ctrl/⌘-S) and publish, versions, numbers, and the simulated call whose
// steps light up as it passes them.
import { useQuery } from "@tanstack/react-query";
import { ArrowLeftIcon, SaveIcon, UploadIcon } from "lucide-react";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { FlowGraph, FlowNode, FlowNodeKind } from "@/lib/ivr-flows/flow-graph";
import { validateFlow } from "@/lib/ivr-flows/validate-flow";
import { FlowCanvas } from "@/components/portal/flows/flow-canvas";
import { FlowListView } from "@/components/portal/flows/flow-list-view";
import type { TrialLight } from "@/components/portal/flows/flow-node-card";
import { FlowNumbersDialog } from "@/components/portal/flows/flow-numbers-dialog";
import { FlowTrialPanel } from "@/components/portal/flows/flow-trial-panel";
import { FlowVersionsDialog } from "@/components/portal/flows/flow-versions-dialog";
import { NodeInspector } from "@/components/portal/flows/node-inspector";
import { freshNodeId, NODE_KINDS, newNode, PALETTE_KINDS } from "@/components/portal/flows/node-kinds";
import type { FlowDetail, TrialView } from "@/components/portal/flows/types";
import { atLeast } from "@/components/portal/role-labels";
import { useTRPC } from "@/trpc/react";

function useWideScreen(): boolean {
  return useSyncExternalStore(
    (notify) => {
      const query = window.matchMedia("(min-width: 768px)");
      query.addEventListener("change", notify);
      return () => query.removeEventListener("change", notify);
    },
    () => window.matchMedia("(min-width: 768px)").matches,
    () => true,
  );
}

/** Under `anchor`, moved right until no node is in the way, so a new step never hides another. */
function freeSpotBelow(graph: FlowGraph, anchor: { x: number; y: number }): { x: number; y: number } {
  const spot = { x: anchor.x, y: anchor.y + 170 };
  while (graph.nodes.some((n) => Math.abs(n.position.x - spot.x) < 260 && Math.abs(n.position.y - spot.y) < 150)) spot.x += 280;
  return spot;
}

function Editor({ flow, canEdit, canAssign }: { flow: FlowDetail; canEdit: boolean; canAssign: boolean }) {
  const trpc = useTRPC();
  const wide = useWideScreen();
  const [graph, setGraph] = useState<FlowGraph>(flow.draft);
  const [name, setName] = useState(flow.name);
  const [dirty, setDirty] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [tab, setTab] = useState<"step" | "try">("try");
  const [trial, setTrial] = useState<{ view: TrialView; passed: Set<string> } | null>(null);
  const issues = useMemo(() => validateFlow(graph), [graph]);
  const errors = issues.filter((i) => i.severity === "error");
  const invalidate = [trpc.flows.get.queryKey({ id: flow.id }), trpc.flows.list.queryKey()];
  const save = useToastMutation(trpc.flows.saveDraft.mutationOptions({ onSuccess: () => setDirty(false) }), { invalidate });
  const publish = useToastMutation(trpc.flows.publish.mutationOptions(), { success: (f) => `Version ${f.publishedVersion?.number} published`, invalidate });

  const update = useCallback((change: (g: FlowGraph) => FlowGraph) => {
    setGraph((g) => change(g));
    setDirty(true);
  }, []);
  const saveDraft = useCallback(async () => {
    await save.mutateAsync({ id: flow.id, name: name.trim() || flow.name, graph });
  }, [save, flow.id, flow.name, name, graph]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === "s" && canEdit) {
        e.preventDefault();
        void saveDraft();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [saveDraft, canEdit]);

  const lightOf = useCallback(
    (id: string): TrialLight => {
      if (!trial) return null;
      if (trial.view.currentNodeId === id) return "active";
      return trial.passed.has(id) ? "visited" : null;
    },
    [trial],
  );

  function select(id: string | null) {
    setSelectedId(id);
    if (!id) return;
    setTab("step");
    // At phone width the form is under the list: bring it into view.
    if (!wide) requestAnimationFrame(() => document.getElementById("flow-side-panel")?.scrollIntoView({ behavior: "smooth", block: "start" }));
  }

  function add(kind: FlowNodeKind) {
    const taken = new Set(graph.nodes.map((n) => n.id));
    const anchor = graph.nodes.find((n) => n.id === selectedId) ?? graph.nodes.at(-1);
    const id = freshNodeId(kind, taken);
    const position = freeSpotBelow(graph, anchor?.position ?? { x: 0, y: -160 });
    update((g) => ({ ...g, nodes: [...g.nodes, newNode(kind, id, position)] }));
    select(id);
  }

  const selected = graph.nodes.find((n) => n.id === selectedId) ?? null;
  const nodeName = (id: string) => {
    const n = graph.nodes.find((x) => x.id === id);
    return n ? n.label || NODE_KINDS[n.kind].label : id;
  };

  return (
    <div className="flex flex-col gap-4">
      <Link href="/flows" className="flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeftIcon className="size-4" /> IVR flows
      </Link>
      <div className="flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <Input
            aria-label="Flow name"
            value={name}
            readOnly={!canEdit}
            onChange={(e) => {
              setName(e.target.value);
              setDirty(true);
            }}
            className="h-10 w-full max-w-xs text-lg font-semibold sm:w-72"
            maxLength={80}
          />
          {flow.publishedVersion ? <Badge variant="secondary">Version {flow.publishedVersion.number} live</Badge> : <Badge variant="outline">Not published</Badge>}
          {dirty ? <Badge variant="outline">Unsaved changes</Badge> : flow.hasUnpublishedChanges && flow.publishedVersion ? <Badge variant="outline">Draft differs from live</Badge> : null}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {canEdit && (
            <Button variant="outline" onClick={() => void saveDraft()} disabled={save.isPending || !dirty}>
              <SaveIcon /> {save.isPending ? "Saving…" : "Save draft"}
            </Button>
          )}
          {canEdit && (
            <Button
              onClick={async () => {
                if (dirty) await saveDraft();
                publish.mutate({ id: flow.id });
              }}
              disabled={publish.isPending || errors.length > 0 || (!dirty && !flow.hasUnpublishedChanges)}
              title={errors.length ? "Fix the problems first" : !dirty && !flow.hasUnpublishedChanges ? "The live version is this draft" : undefined}
            >
              <UploadIcon /> {publish.isPending ? "Publishing…" : "Publish"}
            </Button>
          )}
          <FlowVersionsDialog
            flowId={flow.id}
            publishedId={flow.publishedVersion?.id ?? null}
            canEdit={canEdit}
            onRestore={(g) => {
              update(() => g);
              setSelectedId(null);
            }}
          />
          {canAssign && <FlowNumbersDialog flow={flow} />}
        </div>
      </div>
      {issues.length > 0 && (
        <details className="rounded-md border px-3 py-2 text-sm" open={errors.length > 0 && errors.length <= 3}>
          <summary className="cursor-pointer">
            {errors.length > 0 ? <span className="text-destructive">{errors.length} problem{errors.length > 1 ? "s" : ""} to fix before publishing</span> : "No problems"}
            {issues.length > errors.length && <span className="text-muted-foreground"> · {issues.length - errors.length} warning{issues.length - errors.length > 1 ? "s" : ""}</span>}
          </summary>
          <ul className="mt-2 flex flex-col gap-1" aria-label="Flow problems">
            {issues.map((i, n) => (
              <li key={n}>
                <button type="button" className={i.severity === "error" ? "text-left text-destructive hover:underline" : "text-left text-amber-700 hover:underline dark:text-amber-400"} onClick={() => i.nodeId && select(i.nodeId)}>
                  {i.message}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
      {canEdit && (
        <div className="flex flex-wrap gap-1.5" role="toolbar" aria-label="Add a step">
          {PALETTE_KINDS.map((kind) => {
            const Icon = NODE_KINDS[kind].icon;
            return (
              <Button key={kind} variant="outline" size="sm" onClick={() => add(kind)} title={NODE_KINDS[kind].description}>
                <Icon /> {NODE_KINDS[kind].label}
              </Button>
            );
          })}
        </div>
      )}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_380px]">
        <div className="min-w-0">
          {wide ? (
            <div className="h-[70vh] min-h-[420px] overflow-hidden rounded-lg border">
              <FlowCanvas graph={graph} issues={issues} selectedId={selectedId} lightOf={lightOf} readOnly={!canEdit} onSelect={select} onGraph={update} />
            </div>
          ) : (
            <FlowListView graph={graph} issues={issues} selectedId={selectedId} lightOf={lightOf} onSelect={(id) => select(id)} />
          )}
        </div>
        <aside id="flow-side-panel" className="scroll-mt-4 rounded-lg border p-4">
          <Tabs value={tab} onValueChange={(v) => setTab(v === "step" ? "step" : "try")}>
            <TabsList className="mb-4 w-full">
              <TabsTrigger value="step">Step</TabsTrigger>
              <TabsTrigger value="try">Try it</TabsTrigger>
            </TabsList>
            <TabsContent value="step">
              {selected ? (
                <NodeInspector
                  key={selected.id}
                  graph={graph}
                  node={selected}
                  issues={issues.filter((i) => i.nodeId === selected.id)}
                  readOnly={!canEdit}
                  onNode={(node: FlowNode) => update((g) => ({ ...g, nodes: g.nodes.map((n) => (n.id === node.id ? node : n)) }))}
                  onGraph={update}
                  onDelete={() => {
                    update((g) => ({ nodes: g.nodes.filter((n) => n.id !== selected.id), edges: g.edges.filter((e) => e.source !== selected.id && e.target !== selected.id) }));
                    setSelectedId(null);
                  }}
                  onClose={() => setSelectedId(null)}
                />
              ) : (
                <p className="text-sm text-muted-foreground">Choose a step on the {wide ? "canvas" : "list"} to edit it{canEdit ? ", or add one from the buttons above" : ""}. Connect a step by dragging from one of its dots to another step, or pick its next steps in its form.</p>
              )}
            </TabsContent>
            <TabsContent value="try" forceMount className="data-[state=inactive]:hidden">
              <FlowTrialPanel
                flowId={flow.id}
                beforeStart={async () => {
                  if (dirty && canEdit) await saveDraft();
                }}
                onTrial={(view, passed) => setTrial(view ? { view, passed: new Set(passed) } : null)}
                nodeName={nodeName}
              />
            </TabsContent>
          </Tabs>
        </aside>
      </div>
    </div>
  );
}

export function FlowBuilder({ id }: { id: string }) {
  const trpc = useTRPC();
  const flow = useQuery(trpc.flows.get.queryOptions({ id }, { refetchOnWindowFocus: false }));
  const overview = useQuery(trpc.tenant.current.queryOptions());
  const role = overview.data?.role ?? "AGENT";
  if (flow.isPending) {
    return (
      <div className="flex flex-col gap-4">
        <Skeleton className="h-10 w-72" />
        <Skeleton className="h-[60vh] w-full" />
      </div>
    );
  }
  if (flow.isError) {
    return (
      <div className="flex flex-col gap-3">
        <Link href="/flows" className="flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
          <ArrowLeftIcon className="size-4" /> IVR flows
        </Link>
        <p className="text-sm text-destructive">{flow.error.data?.code === "NOT_FOUND" ? "This flow does not exist." : flow.error.message}</p>
      </div>
    );
  }
  // Keyed by the flow id only: saving refreshes the query without throwing away what is on the canvas.
  return <Editor key={flow.data.id} flow={flow.data} canEdit={atLeast(role, "ADMIN") || role === "DEVELOPER"} canAssign={atLeast(role, "ADMIN")} />;
}
