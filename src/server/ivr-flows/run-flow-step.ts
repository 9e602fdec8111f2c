// One request of a call to a flow step, answered with the document to run next. From the step named in the URL it
// follows the graph through the nodes that run here (start, set variable, condition, business hours, HTTP) to the
// next node the caller hears or that waits, and compiles that one (compile-flow-node.ts). A step with a phase is
// the answer of a node that waited: the menu's keys or speech, its timeout, a dial's or recording's end.
// Pure but for its dependencies: the clock and the HTTP sender are handed in.
import { targetOf } from "@/lib/ivr-flows/flow-branches";
import type { FlowGraph, FlowNode, FlowNodeOf } from "@/lib/ivr-flows/flow-graph";
import { businessHoursBranch } from "@/lib/ivr-flows/business-hours";
import { evaluateCondition, MAX_VARIABLE_LENGTH, readJsonPath, renderTemplate, type FlowVariables } from "@/lib/ivr-flows/flow-variables";
import type { TVoiceDocument, TVoiceDocumentInput, TVoiceVerbInput } from "@/server/voice-documents/voice-document.schemas";
import { continueWith, GOODBYE, nodeVerbs, sayVerb, toVoiceDocument, type SpokenNode } from "./compile-flow-node";
import { flowStepUrl, type FlowStepQuery } from "./flow-step-url";

export interface FlowHttpRequest {
  url: string;
  method: "GET" | "POST";
  body: string | null;
  timeoutSeconds: number;
}

export interface FlowHttpAnswer {
  /** null when no answer came (refused, timed out, blocked by the SSRF guard). */
  status: number | null;
  body: string | null;
}

export interface FlowStepDeps {
  now: () => Date;
  sendHttp: (request: FlowHttpRequest) => Promise<FlowHttpAnswer>;
}

export interface FlowStepRequest {
  versionId: string;
  graph: FlowGraph;
  nodeId: string;
  query: FlowStepQuery;
  /** The request parameters, Twilio's names (From, To, Digits, SpeechResult, DialCallStatus, RecordingUrl …). */
  params: Record<string, string>;
}

export type FlowStepResult =
  | { ok: true; document: TVoiceDocument; /** The nodes passed through, in order, ending with the one compiled. */ visited: string[] }
  | { ok: false; code: number; message: string };

/** Nodes run on the server in one request before the flow must reach one the caller hears: a loop guard. */
export const MAX_SERVER_HOPS = 50;

function matchOption(node: FlowNodeOf<"menu">, params: Record<string, string>) {
  const digits = (params.Digits ?? "").trim();
  if (digits) return node.options.find((o) => o.key === digits) ?? null;
  const speech = (params.SpeechResult ?? "").toLowerCase();
  if (!speech) return null;
  return node.options.find((o) => o.phrases.some((p) => speech.includes(p.toLowerCase())) || o.key === speech.trim()) ?? null;
}

class FlowRun {
  readonly visited: string[] = [];
  private readonly byId: Map<string, FlowNode>;

  constructor(
    private readonly request: FlowStepRequest,
    private readonly deps: FlowStepDeps,
    private vars: FlowVariables,
  ) {
    this.byId = new Map(request.graph.nodes.map((n) => [n.id, n]));
  }

  node(id: string): FlowNode | undefined {
    return this.byId.get(id);
  }

  private url(nodeId: string, extra: { phase?: "input" | "timeout" | "after"; retry?: number } = {}) {
    return flowStepUrl({ versionId: this.request.versionId, nodeId, vars: this.vars, ...extra });
  }

  private compile(node: SpokenNode, prefix: TVoiceVerbInput[], retry = 0): TVoiceDocument {
    const verbs: TVoiceDocumentInput = [...prefix, ...nodeVerbs(node, { versionId: this.request.versionId, vars: this.vars, retry })];
    // A prompt leads on to its next step (or ends the call there).
    if (node.kind === "say") {
      const next = targetOf(this.request.graph, node.id, "next");
      verbs.push(...continueWith(next ? this.url(next) : null));
    }
    return toVoiceDocument(verbs);
  }

  private async branchOf(node: FlowNodeOf<"start" | "setVariable" | "condition" | "http" | "businessHours">): Promise<string | null> {
    const graph = this.request.graph;
    switch (node.kind) {
      case "start":
        return targetOf(graph, node.id, "next");
      case "setVariable":
        this.vars = { ...this.vars, [node.variable]: renderTemplate(node.value, this.vars).slice(0, MAX_VARIABLE_LENGTH) };
        return targetOf(graph, node.id, "next");
      case "condition":
        return targetOf(graph, node.id, evaluateCondition(node, this.vars) ? "true" : "false");
      case "businessHours": {
        const branch = businessHoursBranch(node, this.deps.now());
        return targetOf(graph, node.id, branch) ?? (branch === "holiday" ? targetOf(graph, node.id, "closed") : null);
      }
      case "http": {
        const url = renderTemplate(node.url, this.vars, encodeURIComponent);
        const body = node.method === "POST" ? JSON.stringify({ variables: this.vars, from: this.request.params.From ?? null, to: this.request.params.To ?? null, callSid: this.request.params.CallSid ?? null }) : null;
        const answer = await this.deps.sendHttp({ url, method: node.method, body, timeoutSeconds: node.timeoutSeconds });
        const ok = answer.status !== null && answer.status >= 200 && answer.status < 300;
        let parsed: unknown = null;
        try {
          parsed = answer.body ? JSON.parse(answer.body) : null;
        } catch {
          parsed = null;
        }
        const assigned = ok ? Object.fromEntries(node.assign.map((a) => [a.variable, readJsonPath(parsed, a.path)])) : {};
        this.vars = { ...this.vars, httpStatus: String(answer.status ?? 0), ...assigned };
        return targetOf(graph, node.id, ok ? "success" : "failure");
      }
    }
  }

  /** Follows the graph from `id` to the next node with a document; null `id` ends the call (after `prefix`). */
  async serveFrom(id: string | null, prefix: TVoiceVerbInput[] = []): Promise<FlowStepResult> {
    let current = id;
    for (let hops = 0; hops < MAX_SERVER_HOPS; hops++) {
      if (current === null) return { ok: true, document: toVoiceDocument([...prefix, { hangup: true }]), visited: this.visited };
      const node = this.byId.get(current);
      if (!node) return { ok: false, code: 12400, message: `flow step ${current} does not exist in this version` };
      this.visited.push(node.id);
      switch (node.kind) {
        case "start":
        case "setVariable":
        case "condition":
        case "businessHours":
        case "http":
          current = await this.branchOf(node);
          continue;
        default:
          return { ok: true, document: this.compile(node, prefix), visited: this.visited };
      }
    }
    return { ok: false, code: 12400, message: `the flow ran ${MAX_SERVER_HOPS} steps without reaching one the caller hears: a loop was stopped` };
  }

  /** A menu with nothing usable: asked again while retries last, then its timeout/invalid branch, or goodbye. */
  async retryOrBranch(node: FlowNodeOf<"menu">, kind: "timeout" | "invalid", retry: number): Promise<FlowStepResult> {
    const prefix = sayVerb(kind === "invalid" ? node.invalidPrompt : node.timeoutPrompt, this.vars);
    this.visited.push(node.id);
    if (retry < node.retries) return { ok: true, document: this.compile(node, prefix, retry + 1), visited: this.visited };
    const target = targetOf(this.request.graph, node.id, kind);
    if (target) return this.serveFrom(target, prefix);
    return { ok: true, document: toVoiceDocument([...prefix, ...sayVerb(GOODBYE, this.vars), { hangup: true }]), visited: this.visited };
  }

  async answer(node: FlowNode, phase: "input" | "timeout" | "after", retry: number): Promise<FlowStepResult> {
    const params = this.request.params;
    if (node.kind === "menu") {
      if (phase === "timeout") return this.retryOrBranch(node, "timeout", retry);
      const option = matchOption(node, params);
      if (!option) return params.Digits || params.SpeechResult ? this.retryOrBranch(node, "invalid", retry) : this.retryOrBranch(node, "timeout", retry);
      this.vars = { ...this.vars, digits: params.Digits ?? "", ...(params.SpeechResult ? { speech: params.SpeechResult.slice(0, MAX_VARIABLE_LENGTH) } : {}) };
      this.visited.push(node.id);
      return this.serveFrom(targetOf(this.request.graph, node.id, option.key));
    }
    if (node.kind === "dial" && phase === "after") {
      const answered = params.DialCallStatus === "completed" || params.DialCallStatus === "answered";
      this.vars = { ...this.vars, dialStatus: params.DialCallStatus ?? "" };
      this.visited.push(node.id);
      return this.serveFrom(targetOf(this.request.graph, node.id, answered ? "answered" : "failed"));
    }
    if (node.kind === "record" && phase === "after") {
      this.vars = { ...this.vars, recordingUrl: params.RecordingUrl ?? "" };
      this.visited.push(node.id);
      return this.serveFrom(targetOf(this.request.graph, node.id, "next"));
    }
    return { ok: false, code: 11200, message: `flow step ${node.id} (${node.kind}) has no ${phase} phase` };
  }
}

export async function runFlowStep(request: FlowStepRequest, deps: FlowStepDeps): Promise<FlowStepResult> {
  const vars: FlowVariables = { ...request.query.vars, caller: request.params.From ?? "", called: request.params.To ?? "" };
  const run = new FlowRun(request, deps, vars);
  const node = run.node(request.nodeId);
  if (!node) return { ok: false, code: 11200, message: `flow step ${request.nodeId} not found` };
  if (request.query.phase) return run.answer(node, request.query.phase, request.query.retry);
  return run.serveFrom(node.id);
}

/** The node a published flow's calls begin at: the start node (it leads on by itself). */
export function entryNodeId(graph: FlowGraph): string | null {
  return graph.nodes.find((n) => n.kind === "start")?.id ?? null;
}
