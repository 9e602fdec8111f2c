// The address of a flow step on a live call: irisx:flow/<flowVersionId>/<nodeId>?phase=…&r=…&v.<name>=…
// The version is fixed in every URL, so a call keeps the version it started with whatever is published later. What
// the flow remembers travels in the query: the menu's retry count (r), the phase of a step that waits (input,
// timeout, after) and the flow variables (v.<name>).
import { MAX_VARIABLE_LENGTH, type FlowVariables } from "@/lib/ivr-flows/flow-variables";

export const FLOW_APP = "flow";

export type FlowStepPhase = "input" | "timeout" | "after";

export interface FlowStepAddress {
  versionId: string;
  nodeId: string;
  phase?: FlowStepPhase;
  retry?: number;
  vars?: FlowVariables;
}

/** Variables the request itself carries on every step (the call's From and To): never copied into the URL. */
const PER_REQUEST = new Set(["caller", "called"]);

export function flowStepUrl(step: FlowStepAddress): string {
  const query = new URLSearchParams();
  if (step.phase) query.set("phase", step.phase);
  if (step.retry) query.set("r", String(step.retry));
  for (const [name, value] of Object.entries(step.vars ?? {})) if (!PER_REQUEST.has(name)) query.set(`v.${name}`, value.slice(0, MAX_VARIABLE_LENGTH));
  const search = query.toString();
  return `irisx:${FLOW_APP}/${encodeURIComponent(step.versionId)}/${encodeURIComponent(step.nodeId)}${search ? `?${search}` : ""}`;
}

export interface FlowStepQuery {
  phase: FlowStepPhase | null;
  retry: number;
  vars: FlowVariables;
}

export function readFlowStepQuery(query: URLSearchParams): FlowStepQuery {
  const phase = query.get("phase");
  const retry = Number(query.get("r") ?? 0);
  const vars: FlowVariables = {};
  for (const [key, value] of query) if (key.startsWith("v.") && /^[A-Za-z_][A-Za-z0-9_]{0,31}$/.test(key.slice(2))) vars[key.slice(2)] = value.slice(0, MAX_VARIABLE_LENGTH);
  return {
    phase: phase === "input" || phase === "timeout" || phase === "after" ? phase : null,
    retry: Number.isInteger(retry) && retry >= 0 && retry <= 10 ? retry : 0,
    vars,
  };
}
