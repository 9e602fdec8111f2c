// A flow node as the voice document the interpreter runs, pure: the node, where the call is (version, retry,
// variables) in, the document out. Nodes that wait for the caller or the switch (menu, dial, record) name their own
// step again with a phase as their action, so the answer comes back here (run-flow-step.ts); nodes that end the
// call or hand it elsewhere end their document so. Server-side nodes (set variable, condition, HTTP, business
// hours) have no document: run-flow-step.ts evaluates them and compiles the node they lead to.
import type { FlowNode, FlowNodeOf, FlowPrompt } from "@/lib/ivr-flows/flow-graph";
import { renderTemplate, type FlowVariables } from "@/lib/ivr-flows/flow-variables";
import { ZVoiceDocument, type TVoiceDocument, type TVoiceDocumentInput, type TVoiceVerbInput } from "@/server/voice-documents/voice-document.schemas";
import { flowStepUrl } from "./flow-step-url";

export interface NodeContext {
  versionId: string;
  vars: FlowVariables;
  /** Times a menu has been asked again (after a timeout or an invalid key). */
  retry: number;
  /** The document of the step a branch leads to, or null where the call ends. */
  next?: (branch: string) => string | null;
}

export type SpokenNode = Exclude<FlowNode, FlowNodeOf<"start" | "setVariable" | "condition" | "http" | "businessHours">>;

/** The platform's voicemail application (another module serves it): the flow only names the box. */
export function voicemailUrl(boxId: string): string {
  return `irisx:voicemail/${encodeURIComponent(boxId)}`;
}

export const GOODBYE = "Goodbye.";

export function promptVerb(prompt: FlowPrompt, vars: FlowVariables): Extract<TVoiceVerbInput, { say: string } | { play: string }> | null {
  const text = renderTemplate(prompt.text, vars).trim();
  if (!text) return null;
  if (prompt.type === "play") return { play: text };
  return { say: text, ...(prompt.voice ? { voice: prompt.voice } : {}), ...(prompt.language ? { language: prompt.language } : {}) };
}

export function sayVerb(text: string, vars: FlowVariables): TVoiceVerbInput[] {
  const rendered = renderTemplate(text, vars).trim();
  return rendered ? [{ say: rendered }] : [];
}

function menuDocument(node: FlowNodeOf<"menu">, ctx: NodeContext): TVoiceDocumentInput {
  const phrases = node.options.flatMap((o) => o.phrases);
  const step = { versionId: ctx.versionId, nodeId: node.id, retry: ctx.retry, vars: ctx.vars };
  const prompt = promptVerb(node.prompt, ctx.vars);
  return [
    {
      gather: prompt ? [prompt] : [],
      input: phrases.length ? ["dtmf", "speech"] : ["dtmf"],
      numDigits: 1,
      finishOnKey: "",
      timeout: node.timeoutSeconds,
      language: node.language,
      ...(phrases.length ? { hints: phrases.join(", ") } : {}),
      action: flowStepUrl({ ...step, phase: "input" }),
    },
    { redirect: flowStepUrl({ ...step, phase: "timeout" }) },
  ];
}

function dialTarget(to: string): TVoiceVerbInput {
  return to.includes("@") ? { dial: [{ sip: to.startsWith("sip") ? to : `sip:${to}` }] } : { dial: to };
}

/** The verbs of a node that speaks, waits or ends the call. */
export function nodeVerbs(node: SpokenNode, ctx: NodeContext): TVoiceDocumentInput {
  const after = { versionId: ctx.versionId, nodeId: node.id, vars: ctx.vars, phase: "after" as const };
  switch (node.kind) {
    case "say": {
      const prompt = promptVerb(node.prompt, ctx.vars);
      return [...(prompt ? [prompt] : [])];
    }
    case "menu":
      return menuDocument(node, ctx);
    case "dial":
      return [
        {
          ...(dialTarget(renderTemplate(node.number, ctx.vars).trim()) as { dial: string }),
          timeout: node.timeoutSeconds,
          ...(node.callerId ? { callerId: node.callerId } : {}),
          ...(node.record ? { record: "record-from-answer" as const } : {}),
          action: flowStepUrl(after),
        },
      ];
    case "transfer":
      return [dialTarget(renderTemplate(node.to, ctx.vars).trim()), { hangup: true }];
    case "queue":
      return [{ enqueue: node.queue }];
    case "voicemail":
      return [{ redirect: voicemailUrl(node.boxId) }];
    case "record": {
      const prompt = promptVerb(node.prompt, ctx.vars);
      return [
        ...(prompt ? [prompt] : []),
        { record: true, maxLength: node.maxLengthSeconds, playBeep: node.playBeep, transcribe: node.transcribe, action: flowStepUrl(after) },
      ];
    }
    case "hangup": {
      const prompt = promptVerb(node.prompt, ctx.vars);
      return [...(prompt ? [prompt] : []), { hangup: true }];
    }
  }
}

/** Verbs that end the document: hand the call to the step `next` names, or hang up where nothing follows. */
export function continueWith(nextUrl: string | null): TVoiceVerbInput[] {
  return nextUrl ? [{ redirect: nextUrl }] : [{ hangup: true }];
}

/** Parses (and so fills every default of) the verbs compiled for one request. */
export function toVoiceDocument(verbs: TVoiceDocumentInput): TVoiceDocument {
  return ZVoiceDocument.parse(verbs);
}
