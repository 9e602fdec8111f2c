// What keeps a flow from being published, each problem naming the node at fault: no start, a dangling branch (an
// option without a next step, an edge to nothing), an empty prompt or a missing setting, a loop the call can never
// leave, a loop where the caller hears nothing. Warnings do not block publishing: an unreachable node, a queue step
// (queues run once the agent desktop lands).
import { branchesOf, edgesFrom, SILENT_KINDS } from "./flow-branches";
import type { FlowGraph, FlowNode } from "./flow-graph";
import { ZVariableName } from "./flow-graph";

export interface FlowIssue {
  /** The node at fault; null for the flow as a whole. */
  nodeId: string | null;
  severity: "error" | "warning";
  code: "missing_start" | "dangling_branch" | "empty_prompt" | "missing_setting" | "loop_without_exit" | "silent_loop" | "unreachable" | "not_yet_runnable";
  message: string;
}

const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value.replace(/\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}/g, "x"));
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
};

const isDialable = (value: string) => /^\+?[0-9][0-9 ().-]{1,30}$/.test(value.trim()) || /^(sips?:)?[^\s@:<>"]+@[^\s<>"]+$/i.test(value.trim());

function nodeName(node: FlowNode): string {
  return node.label ? `"${node.label}"` : `${node.kind} step ${node.id}`;
}

/** Settings a node cannot run without, as messages. */
function settingProblems(node: FlowNode): { code: FlowIssue["code"]; message: string }[] {
  const out: { code: FlowIssue["code"]; message: string }[] = [];
  const prompt = (p: { type: string; text: string }, what = "prompt") => {
    if (!p.text.trim()) out.push({ code: "empty_prompt", message: `the ${what} is empty` });
    else if (p.type === "play" && !isHttpUrl(p.text)) out.push({ code: "missing_setting", message: `the ${what} must be an http(s) audio URL` });
  };
  switch (node.kind) {
    case "say":
      prompt(node.prompt);
      break;
    case "menu": {
      prompt(node.prompt);
      if (node.options.length === 0) out.push({ code: "missing_setting", message: "the menu has no options" });
      const keys = node.options.map((o) => o.key);
      const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
      if (twice.length) out.push({ code: "missing_setting", message: `key ${twice[0]} is used by two options` });
      break;
    }
    case "setVariable":
      if (!ZVariableName.safeParse(node.variable).success) out.push({ code: "missing_setting", message: "the variable name must start with a letter or _ (letters, digits, _)" });
      break;
    case "condition":
      if (!node.variable.trim()) out.push({ code: "missing_setting", message: "the condition names no variable" });
      break;
    case "http":
      if (!isHttpUrl(node.url)) out.push({ code: "missing_setting", message: "the URL must be an absolute http(s) URL" });
      for (const a of node.assign) if (!ZVariableName.safeParse(a.variable).success || !a.path) out.push({ code: "missing_setting", message: `the answer field "${a.path}" needs a valid variable name and path` });
      break;
    case "dial":
      if (!/^\+?[0-9][0-9 ().-]{1,30}$/.test(node.number.trim()) && !/^\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}$/.test(node.number.trim())) out.push({ code: "missing_setting", message: "the number to dial must be a phone number such as +14155550123" });
      break;
    case "transfer":
      if (!isDialable(node.to)) out.push({ code: "missing_setting", message: "the transfer target must be a phone number or a SIP address" });
      break;
    case "queue":
      if (!node.queue) out.push({ code: "missing_setting", message: "the queue has no name" });
      break;
    case "voicemail":
      if (!node.boxId) out.push({ code: "missing_setting", message: "no voicemail box is chosen" });
      break;
    case "record":
      if (node.prompt.text.trim()) prompt(node.prompt);
      break;
    case "hangup":
      if (node.prompt.text.trim()) prompt(node.prompt);
      break;
    case "businessHours":
    case "start":
      break;
  }
  return out;
}

/** Strongly connected components (Tarjan), as lists of node ids. */
function components(ids: string[], successors: Map<string, string[]>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    indexOf.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of successors.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      out.push(component);
    }
  };
  for (const id of ids) if (!indexOf.has(id)) visit(id);
  return out;
}

export function validateFlow(graph: FlowGraph): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const add = (node: FlowNode | null, severity: FlowIssue["severity"], code: FlowIssue["code"], message: string) =>
    issues.push({ nodeId: node?.id ?? null, severity, code, message: node ? `${nodeName(node)}: ${message}` : message });
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));

  const starts = graph.nodes.filter((n) => n.kind === "start");
  if (starts.length === 0) add(null, "error", "missing_start", "the flow has no start node");
  for (const extra of starts.slice(1)) add(extra, "error", "missing_start", "a flow has one start node; remove this one");

  const successors = new Map<string, string[]>();
  for (const node of graph.nodes) {
    const branches = branchesOf(node);
    const edges = edgesFrom(graph, node.id);
    for (const b of branches) {
      const leaving = edges.filter((e) => e.branch === b.name);
      if (b.required && leaving.length === 0) add(node, "error", "dangling_branch", `branch "${b.label}" leads nowhere`);
      if (leaving.length > 1) add(node, "error", "dangling_branch", `branch "${b.label}" is connected to ${leaving.length} nodes; keep one`);
    }
    for (const e of edges) {
      if (!branches.some((b) => b.name === e.branch)) add(node, "error", "dangling_branch", `has a connection from "${e.branch}", which it no longer has`);
      else if (!byId.has(e.target)) add(node, "error", "dangling_branch", `branch "${e.branch}" leads to node ${e.target}, which does not exist`);
    }
    successors.set(node.id, edges.filter((e) => byId.has(e.target) && branches.some((b) => b.name === e.branch)).map((e) => e.target));
    for (const p of settingProblems(node)) add(node, "error", p.code, p.message);
    if (node.kind === "queue") add(node, "warning", "not_yet_runnable", "queues run once the agent desktop lands: until then a call reaching this step ends with an application error");
  }

  // Reachable from the start.
  const reachable = new Set<string>();
  const pending = starts[0] ? [starts[0].id] : [];
  while (pending.length) {
    const id = pending.pop()!;
    if (reachable.has(id)) continue;
    reachable.add(id);
    pending.push(...(successors.get(id) ?? []));
  }
  if (starts[0]) for (const node of graph.nodes) if (!reachable.has(node.id)) add(node, "warning", "unreachable", "no path from the start leads here");

  // Nodes from which the call can end: a node that ends it, or an optional branch left open (it ends there).
  const canEnd = new Set<string>();
  for (const node of graph.nodes) {
    const branches = branchesOf(node);
    const optionalOpen = branches.some((b) => !b.required && !edgesFrom(graph, node.id).some((e) => e.branch === b.name));
    if (branches.length === 0 || optionalOpen) canEnd.add(node.id);
  }
  let grew = true;
  while (grew) {
    grew = false;
    for (const node of graph.nodes) {
      if (!canEnd.has(node.id) && (successors.get(node.id) ?? []).some((t) => canEnd.has(t))) {
        canEnd.add(node.id);
        grew = true;
      }
    }
  }

  for (const component of components(graph.nodes.map((n) => n.id), successors)) {
    const cyclic = component.length > 1 || (successors.get(component[0]!) ?? []).includes(component[0]!);
    if (!cyclic) continue;
    const first = byId.get([...component].sort()[0]!)!;
    const names = component.map((id) => nodeName(byId.get(id)!)).join(", ");
    if (!component.some((id) => canEnd.has(id))) add(first, "error", "loop_without_exit", `the loop through ${names} never ends the call: give it a way out (a hangup, a menu's no-input branch)`);
    else if (component.every((id) => SILENT_KINDS.has(byId.get(id)!.kind))) add(first, "error", "silent_loop", `the loop through ${names} runs without the caller hearing anything: put a prompt or menu in it`);
  }
  return issues;
}

export function blockingIssues(issues: readonly FlowIssue[]): FlowIssue[] {
  return issues.filter((i) => i.severity === "error");
}
