// How the builder shows each kind of node: its name, icon, one-line purpose, a summary of its settings, and a new
// node of that kind to drop on the canvas.
import {
  ClockIcon,
  CornerDownRightIcon,
  GitBranchIcon,
  GlobeIcon,
  GridIcon,
  type LucideIcon,
  MessageSquareIcon,
  MicIcon,
  PhoneForwardedIcon,
  PhoneIcon,
  PhoneOffIcon,
  PlayIcon,
  UsersIcon,
  VariableIcon,
  VoicemailIcon,
} from "lucide-react";
import { ZFlowNode, type FlowNode, type FlowNodeKind } from "@/lib/ivr-flows/flow-graph";

export interface NodeKindInfo {
  label: string;
  icon: LucideIcon;
  description: string;
}

export const NODE_KINDS: Record<FlowNodeKind, NodeKindInfo> = {
  start: { label: "Start", icon: PlayIcon, description: "Where every call begins" },
  say: { label: "Say / play", icon: MessageSquareIcon, description: "Speak text or play audio" },
  menu: { label: "Menu", icon: GridIcon, description: "Ask for a key (or words) and branch" },
  businessHours: { label: "Business hours", icon: ClockIcon, description: "Branch on open, closed or holiday" },
  setVariable: { label: "Set variable", icon: VariableIcon, description: "Remember a value for later steps" },
  condition: { label: "Condition", icon: GitBranchIcon, description: "Branch on a variable" },
  http: { label: "HTTP request", icon: GlobeIcon, description: "Ask your server, branch on the answer" },
  dial: { label: "Dial", icon: PhoneIcon, description: "Call a number and connect the caller" },
  transfer: { label: "Transfer", icon: PhoneForwardedIcon, description: "Hand the call to a number or SIP address" },
  queue: { label: "Queue", icon: UsersIcon, description: "Wait for an agent (with the agent desktop)" },
  voicemail: { label: "Voicemail", icon: VoicemailIcon, description: "Let the caller leave a message" },
  record: { label: "Record", icon: MicIcon, description: "Record the caller, then go on" },
  hangup: { label: "Hang up", icon: PhoneOffIcon, description: "Say goodbye and end the call" },
};

/** Kinds the palette offers (one start per flow, made with the flow). */
export const PALETTE_KINDS = (Object.keys(NODE_KINDS) as FlowNodeKind[]).filter((k) => k !== "start");

export const EDGE_ICON = CornerDownRightIcon;

export function newNode(kind: FlowNodeKind, id: string, position: { x: number; y: number }): FlowNode {
  const extra: Record<string, unknown> =
    kind === "menu"
      ? { prompt: { type: "say", text: "Press 1 for sales, 2 for support." }, options: [{ key: "1", label: "Sales" }, { key: "2", label: "Support" }] }
      : kind === "say"
        ? { prompt: { type: "say", text: "" } }
        : kind === "businessHours"
          ? { timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC", schedule: Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [{ from: "09:00", to: "17:00" }]])) }
          : kind === "hangup"
            ? { prompt: { type: "say", text: "Goodbye." } }
            : {};
  return ZFlowNode.parse({ id, kind, label: "", position, ...extra });
}

/** One line about what the node does, for the canvas and the list view. */
export function nodeSummary(node: FlowNode): string {
  switch (node.kind) {
    case "start":
      return "Incoming call";
    case "say":
    case "hangup":
    case "record":
      return node.prompt.text ? (node.prompt.type === "play" ? `▶ ${node.prompt.text}` : `“${node.prompt.text}”`) : node.kind === "say" ? "No prompt yet" : "";
    case "menu":
      return node.prompt.text ? `“${node.prompt.text}”` : "No prompt yet";
    case "businessHours":
      return `${node.timezone}${node.holidays.length ? ` · ${node.holidays.length} holiday${node.holidays.length > 1 ? "s" : ""}` : ""}`;
    case "setVariable":
      return node.variable ? `${node.variable} = ${node.value}` : "No variable yet";
    case "condition":
      return node.variable ? `${node.variable} ${node.operator} ${node.value}` : "No condition yet";
    case "http":
      return node.url ? `${node.method} ${node.url}` : "No URL yet";
    case "dial":
      return node.number || "No number yet";
    case "transfer":
      return node.to || "No target yet";
    case "queue":
      return node.queue || "No queue yet";
    case "voicemail":
      return node.boxId ? `Box ${node.boxId}` : "No box yet";
  }
}

/** An id no node of the graph has yet: `menu-2`, `say-3`. */
export function freshNodeId(kind: FlowNodeKind, taken: ReadonlySet<string>): string {
  for (let i = 1; ; i++) {
    const id = `${kind}-${i}`;
    if (!taken.has(id)) return id;
  }
}
