// "Try it": a simulated call through a flow, run on the server by the real interpreter (startSession/advanceSession)
// with the flow application serving its documents, and nothing placed on a switch. Prompts come back as text,
// collectInput waits for the browser's keypad (or its timeout button), dial and record are simulated. The session
// state goes to the browser sealed (AES-GCM with the app's key: secret-box.ts), bound to the tenant and the flow, so
// it can be neither read nor altered there.
import { z } from "zod";
import { openSecret, sealSecret } from "@/server/crypto/secret-box";
import { AppError } from "@/server/errors";
import { advanceSession } from "@/server/voice-documents/interpreter/advance-session";
import type { Command } from "@/server/voice-documents/interpreter/commands";
import type { Outcome } from "@/server/voice-documents/interpreter/outcomes";
import type { Decision } from "@/server/voice-documents/interpreter/run-verbs";
import { ZSessionState, type SessionState } from "@/server/voice-documents/interpreter/session-state";
import { FLOW_APP } from "./flow-step-url";
import type { FlowStepResult } from "./run-flow-step";

export type TrialEvent =
  | { kind: "step"; nodeId: string }
  | { kind: "say"; text: string }
  | { kind: "play"; url: string }
  /** Something a real call would do that the simulation only describes (dial, record, a hand-off). */
  | { kind: "simulated"; text: string }
  | { kind: "error"; code: number; message: string }
  | { kind: "ended"; text: string };

export type TrialInput = { kind: "digits"; digits: string } | { kind: "speech"; transcript: string } | { kind: "timeout" } | { kind: "hangup" };

export interface TrialWaiting {
  timeoutSeconds: number;
  speech: boolean;
}

export interface TrialView {
  token: string;
  events: TrialEvent[];
  /** The keypad is live: the call waits for a key (or speech) until the timeout. Null once the call ended. */
  waiting: TrialWaiting | null;
  ended: boolean;
  /** The node the call is at (lit on the canvas). */
  currentNodeId: string | null;
}

/** How the trial reaches documents: the flow application, for the trial's tenant. */
export type TrialFetch = (url: string, params: Record<string, string>) => Promise<FlowStepResult | { handoff: string }>;

const ZSealedTrial = z.object({ purpose: z.literal("flow-trial"), tenantId: z.string(), flowId: z.string(), currentNodeId: z.string().nullable(), state: ZSessionState });

export function sealTrial(input: { tenantId: string; flowId: string; currentNodeId: string | null; state: SessionState }): string {
  return sealSecret(JSON.stringify({ purpose: "flow-trial", ...input }));
}

/** The sealed state of the tenant's trial of this flow; anything else (altered, another tenant's, another flow's) is refused. */
export function openTrial(token: string, tenantId: string, flowId: string): { state: SessionState; currentNodeId: string | null } {
  let parsed: z.infer<typeof ZSealedTrial>;
  try {
    parsed = ZSealedTrial.parse(JSON.parse(openSecret(token)));
  } catch {
    throw new AppError("BAD_REQUEST", "the simulated call's state is not valid: start a new one", { details: { fieldErrors: { token: ["not a valid simulated call"] } } });
  }
  if (parsed.tenantId !== tenantId || parsed.flowId !== flowId) throw new AppError("BAD_REQUEST", "the simulated call belongs to another flow", { details: { fieldErrors: { token: ["another flow's call"] } } });
  return { state: parsed.state, currentNodeId: parsed.currentNodeId };
}

function outcomeFor(input: TrialInput, step: number): Outcome {
  switch (input.kind) {
    case "digits":
      return { kind: "digits", step, digits: input.digits, terminator: null };
    case "speech":
      return { kind: "speech", step, transcript: input.transcript, confidence: 0.9 };
    case "timeout":
      return { kind: "timeout", step };
    case "hangup":
      return { kind: "hangup" };
  }
}

/** Node of an irisx:flow URL (`irisx:flow/<version>/<node>?…`). */
function flowNodeOf(url: string): string | null {
  const match = new RegExp(`^irisx:${FLOW_APP}/[^/?]+/([^/?]+)`).exec(url);
  return match ? decodeURIComponent(match[1]!) : null;
}

const MAX_DECISIONS = 200;

/**
 * Carries out a decision's commands as the simulation can, feeding each outcome back to the interpreter, until the
 * call waits for the caller or ends.
 */
export async function driveTrial(first: Decision, fetch: TrialFetch, currentNodeId: string | null): Promise<{ state: SessionState; events: TrialEvent[]; waiting: TrialWaiting | null; currentNodeId: string | null }> {
  const events: TrialEvent[] = [];
  let decision = first;
  let node = currentNodeId;
  for (let i = 0; i < MAX_DECISIONS; i++) {
    let outcome: Outcome | null = null;
    let waiting: TrialWaiting | null = null;
    const step = decision.state.step;
    for (const command of decision.commands) {
      const result = await carryOut(command, step, fetch, events);
      if (result.outcome) outcome = result.outcome;
      if (result.waiting) waiting = result.waiting;
      if (result.nodeId) node = result.nodeId;
      if (result.handedOff) return { state: { ...decision.state, awaiting: { kind: "ended" } }, events, waiting: null, currentNodeId: node };
    }
    if (decision.state.awaiting.kind === "ended") return { state: decision.state, events, waiting: null, currentNodeId: node };
    if (!outcome) {
      if (waiting) return { state: decision.state, events, waiting, currentNodeId: node };
      // A prompt was awaited: in the simulation it has played at once.
      outcome = { kind: "done", step };
    }
    decision = advanceSession(decision.state, outcome);
  }
  events.push({ kind: "error", code: 12400, message: `the simulation stopped after ${MAX_DECISIONS} steps without the caller being asked anything` });
  return { state: { ...decision.state, awaiting: { kind: "ended" } }, events, waiting: null, currentNodeId: node };
}

interface CommandResult {
  outcome?: Outcome;
  waiting?: TrialWaiting;
  nodeId?: string;
  handedOff?: boolean;
}

async function carryOut(command: Command, step: number, fetch: TrialFetch, events: TrialEvent[]): Promise<CommandResult> {
  switch (command.kind) {
    case "speak":
      events.push({ kind: "say", text: command.text });
      return {};
    case "play":
      events.push({ kind: "play", url: command.source });
      return {};
    case "silence":
    case "notify":
    case "stopStream":
    case "stopRecording":
      return {};
    case "playDigits":
      events.push({ kind: "simulated", text: `Plays the tones ${command.digits}` });
      return {};
    case "collectInput":
      for (const prompt of command.prompts) {
        if (prompt.kind === "speak") events.push({ kind: "say", text: prompt.text });
        if (prompt.kind === "play") events.push({ kind: "play", url: prompt.source });
      }
      return { waiting: { timeoutSeconds: command.timeoutSeconds, speech: command.speech !== null } };
    case "record":
      events.push({ kind: "simulated", text: `Records the caller (up to ${command.maxLengthSeconds} s): simulated, nothing is recorded` });
      return { outcome: { kind: "recorded", step, recording: { sid: "RE00000000000000000000000000000000", url: "https://simulated.invalid/recording", durationSeconds: 3 }, terminator: null } };
    case "dial": {
      const who = command.targets.map((t) => (t.kind === "number" ? t.number : t.kind === "sip" ? t.uri : t.kind === "client" ? t.identity : t.name)).join(", ");
      events.push({ kind: "simulated", text: `Dials ${who}: simulated, nobody is called; treated as answered` });
      return { outcome: { kind: "dialEnded", step, status: "completed", dialCallSid: null, durationSeconds: 0, bridged: true, recording: null, callerHungUp: false } };
    }
    case "connectStream":
    case "startStream":
    case "startRecording":
      events.push({ kind: "simulated", text: `${command.kind}: simulated` });
      return command.kind === "connectStream" ? { outcome: { kind: "streamEnded", step } } : {};
    case "fetch": {
      const served = await fetch(command.url, command.params);
      if ("handoff" in served) {
        events.push({ kind: "simulated", text: `Hands the call to ${served.handoff}: the simulation ends here` });
        events.push({ kind: "ended", text: "Handed off" });
        return { handedOff: true };
      }
      if (!served.ok) return { outcome: { kind: "fetchFailed", step, code: served.code, message: served.message }, nodeId: flowNodeOf(command.url) ?? undefined };
      for (const nodeId of served.visited) events.push({ kind: "step", nodeId });
      return { outcome: { kind: "fetched", step, document: served.document, dialect: "json" }, nodeId: served.visited.at(-1) };
    }
    case "refer":
      events.push({ kind: "simulated", text: `Transfers the call to ${command.uri} by SIP REFER: simulated, treated as accepted` });
      return { outcome: { kind: "referEnded", step, referStatus: 202, notifyStatus: 200, callerHungUp: false } };
    case "enqueue":
      events.push({ kind: "simulated", text: `Joins the queue ${command.queue}: simulated, no queue is touched` });
      return { outcome: { kind: "enqueued", step, queueSid: "QU00000000000000000000000000000000" } };
    case "holdMusic":
      events.push({ kind: "simulated", text: "Waits in the queue with music on hold: the simulation ends here" });
      events.push({ kind: "ended", text: "Waiting in a queue" });
      return { handedOff: true };
    case "leaveQueue":
      events.push({ kind: "simulated", text: "Leaves the queue" });
      return command.notify ? {} : { outcome: { kind: "queueLeft", step, queueSid: null, waitedSeconds: 0 } };
    case "reportError":
      events.push({ kind: "error", code: command.code, message: command.message });
      return {};
    case "agentOfferEnded":
      // The simulation hands off at the queue's wait: no agent is ever offered the caller here.
      return {};
    case "reject":
      events.push({ kind: "ended", text: command.reason === "busy" ? "Rejected with a busy signal" : "Rejected" });
      return {};
    case "hangup":
      events.push({ kind: "ended", text: command.cause === "normal" ? "The flow hung up" : "The call ended on an application error" });
      return {};
    case "bridgeDequeued":
    case "connectLeg":
      // Flows run on callers, never as a dialled leg's whisper.
      events.push({ kind: "ended", text: "The dialled party was connected" });
      return {};
  }
}

export function trialOutcome(input: TrialInput, state: SessionState): Outcome {
  return outcomeFor(input, state.step);
}
