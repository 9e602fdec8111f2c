// The IVR flow model: a graph of nodes (what the call does) joined by edges (which branch of a node leads where).
// Shared by the builder (browser) and the server (storage, validation, compilation to voice documents), so it is
// pure: zod only. The schema checks shape and bounds; what makes a flow runnable (a start, no dangling branch, no
// empty prompt, no loop without exit) is validate-flow.ts, so a half-drawn draft can still be saved.
import { z } from "zod";

export const ZNodeId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: "must be 1-64 letters, digits, - or _" });

/** Flow variable names: set by set-variable, HTTP steps and recordings, read as {{name}} in texts. */
export const ZVariableName = z
  .string()
  .trim()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,31}$/, { message: "must start with a letter or _, then letters, digits or _ (at most 32)" });

/** What the caller hears: text spoken (with {{variables}}) or an audio URL played. May be empty in a draft. */
export const ZFlowPrompt = z.strictObject({
  type: z.enum(["say", "play"]).default("say"),
  text: z.string().max(4096).default(""),
  voice: z.string().trim().max(64).optional(),
  language: z.string().trim().max(35).optional(),
});
export type FlowPrompt = z.infer<typeof ZFlowPrompt>;

const MENU_KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "*", "#"] as const;
export const ZMenuKey = z.enum(MENU_KEYS);

export const ZMenuOption = z.strictObject({
  key: ZMenuKey,
  label: z.string().trim().max(80).default(""),
  /** Words that choose this option by voice ("sales", "billing"); empty: keys only. */
  phrases: z.array(z.string().trim().min(1).max(80)).max(10).default([]),
});

const ZTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/, { message: "must be HH:MM (24-hour)" });
export const ZTimeRange = z.strictObject({ from: ZTime, to: ZTime }).refine((r) => r.from < r.to, { message: "must end after it starts", path: ["to"] });
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const ZWeeklySchedule = z.strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(ZTimeRange).max(6).default([])])) as Record<Weekday, z.ZodDefault<z.ZodArray<typeof ZTimeRange>>>);

export const ZHoliday = z.strictObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "must be a date YYYY-MM-DD" }),
  label: z.string().trim().max(80).default(""),
});

/** An IANA time zone the runtime knows (Europe/Paris, America/New_York). */
export const ZTimeZone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { message: "must be an IANA time zone such as America/New_York" },
  );

export const CONDITION_OPERATORS = ["equals", "notEquals", "contains", "startsWith", "greaterThan", "lessThan", "isEmpty", "isNotEmpty"] as const;

const base = {
  id: ZNodeId,
  label: z.string().trim().max(80).default(""),
  position: z.strictObject({ x: z.number().finite(), y: z.number().finite() }).default({ x: 0, y: 0 }),
};

export const FLOW_NODE_SCHEMAS = {
  start: z.strictObject({ ...base, kind: z.literal("start") }),
  say: z.strictObject({ ...base, kind: z.literal("say"), prompt: ZFlowPrompt.default({ type: "say", text: "" }) }),
  menu: z.strictObject({
    ...base,
    kind: z.literal("menu"),
    prompt: ZFlowPrompt.default({ type: "say", text: "" }),
    options: z.array(ZMenuOption).max(12).default([]),
    /** Seconds to wait for a key once the prompt has played. */
    timeoutSeconds: z.number().int().min(1).max(60).default(5),
    /** Times the menu is asked again after a timeout or an invalid key, before the timeout/invalid branch. */
    retries: z.number().int().min(0).max(5).default(2),
    invalidPrompt: z.string().max(1024).default("Sorry, that is not a valid choice."),
    timeoutPrompt: z.string().max(1024).default("Sorry, I did not get that."),
    language: z.string().trim().max(35).default("en-US"),
  }),
  businessHours: z.strictObject({
    ...base,
    kind: z.literal("businessHours"),
    timezone: ZTimeZone.default("UTC"),
    schedule: ZWeeklySchedule.default({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }),
    holidays: z.array(ZHoliday).max(100).default([]),
  }),
  setVariable: z.strictObject({ ...base, kind: z.literal("setVariable"), variable: z.string().trim().max(32).default(""), value: z.string().max(256).default("") }),
  condition: z.strictObject({
    ...base,
    kind: z.literal("condition"),
    variable: z.string().trim().max(32).default(""),
    operator: z.enum(CONDITION_OPERATORS).default("equals"),
    value: z.string().max(256).default(""),
  }),
  http: z.strictObject({
    ...base,
    kind: z.literal("http"),
    url: z.string().trim().max(2048).default(""),
    method: z.enum(["GET", "POST"]).default("GET"),
    timeoutSeconds: z.number().int().min(1).max(10).default(5),
    /** Fields of the JSON answer stored as variables: `{ variable: "tier", path: "customer.tier" }`. */
    assign: z.array(z.strictObject({ variable: z.string().trim().max(32), path: z.string().trim().max(128) })).max(10).default([]),
  }),
  dial: z.strictObject({
    ...base,
    kind: z.literal("dial"),
    number: z.string().trim().max(64).default(""),
    callerId: z.string().trim().max(64).optional(),
    timeoutSeconds: z.number().int().min(5).max(120).default(30),
    record: z.boolean().default(false),
  }),
  transfer: z.strictObject({ ...base, kind: z.literal("transfer"), to: z.string().trim().max(1024).default("") }),
  queue: z.strictObject({ ...base, kind: z.literal("queue"), queue: z.string().trim().max(64).default("") }),
  voicemail: z.strictObject({ ...base, kind: z.literal("voicemail"), boxId: z.string().trim().max(64).default("") }),
  record: z.strictObject({
    ...base,
    kind: z.literal("record"),
    prompt: ZFlowPrompt.default({ type: "say", text: "" }),
    maxLengthSeconds: z.number().int().min(1).max(3600).default(120),
    playBeep: z.boolean().default(true),
    transcribe: z.boolean().default(false),
  }),
  hangup: z.strictObject({ ...base, kind: z.literal("hangup"), prompt: ZFlowPrompt.default({ type: "say", text: "" }) }),
} as const;

export type FlowNodeKind = keyof typeof FLOW_NODE_SCHEMAS;
export const FLOW_NODE_KINDS = Object.keys(FLOW_NODE_SCHEMAS) as FlowNodeKind[];

export const ZFlowNode = z.discriminatedUnion("kind", Object.values(FLOW_NODE_SCHEMAS) as unknown as [(typeof FLOW_NODE_SCHEMAS)["start"], ...(typeof FLOW_NODE_SCHEMAS)[Exclude<FlowNodeKind, "start">][]]);
export type FlowNode = z.infer<typeof ZFlowNode>;
export type FlowNodeOf<K extends FlowNodeKind> = z.infer<(typeof FLOW_NODE_SCHEMAS)[K]>;

export const ZFlowEdge = z.strictObject({
  id: z.string().trim().min(1).max(160),
  source: ZNodeId,
  /** The branch of the source node: "next", a menu key, "timeout", "open", "true", "success" … (flow-branches.ts). */
  branch: z.string().trim().min(1).max(32),
  target: ZNodeId,
});
export type FlowEdge = z.infer<typeof ZFlowEdge>;

export const MAX_FLOW_NODES = 200;

export const ZFlowGraph = z
  .strictObject({
    nodes: z.array(ZFlowNode).max(MAX_FLOW_NODES),
    edges: z.array(ZFlowEdge).max(MAX_FLOW_NODES * 14),
  })
  .superRefine((graph, ctx) => {
    const seen = new Set<string>();
    graph.nodes.forEach((node, i) => {
      if (seen.has(node.id)) ctx.addIssue({ code: "custom", path: ["nodes", i, "id"], message: `node id ${node.id} is used twice` });
      seen.add(node.id);
    });
  });
export type FlowGraph = z.infer<typeof ZFlowGraph>;
export type FlowGraphInput = z.input<typeof ZFlowGraph>;

/** A new flow: a start node leading to a greeting that hangs up, so the canvas is never blank. */
export function starterGraph(): FlowGraph {
  return ZFlowGraph.parse({
    nodes: [
      { id: "start", kind: "start", position: { x: 0, y: 0 } },
      { id: "greeting", kind: "say", label: "Greeting", prompt: { type: "say", text: "Thank you for calling." }, position: { x: 0, y: 140 } },
      { id: "goodbye", kind: "hangup", label: "Goodbye", prompt: { type: "say", text: "Goodbye." }, position: { x: 0, y: 280 } },
    ],
    edges: [
      { id: "start-next-greeting", source: "start", branch: "next", target: "greeting" },
      { id: "greeting-next-goodbye", source: "greeting", branch: "next", target: "goodbye" },
    ],
  });
}
