// Which of the browser's /desktop tabs holds the agent's line, agreed over a BroadcastChannel ("irisx-softphone") so two
// tabs never register the same line and fight over its calls. A pure state machine: the hook (use-tab-claim.ts)
// feeds it the channel's messages, its timer and the agent's clicks, and carries out the effects it returns.
//
// A new tab asks "who holds?" and waits PROBE_MS: an answer puts it in standby (the banner with "Use here"), silence
// makes it the holder. Tabs asking at once agree by id (the older tab wins). "Use here" asks the holder to take over;
// the holder stops its user agent first and only then says "released", so the claimer registers after the holder has
// unregistered: never both. A holder that does not answer (closed, crashed) is presumed gone after CLAIM_MS.

export const TAB_CHANNEL = "irisx-softphone";
export const PROBE_MS = 600;
export const CLAIM_MS = 2_000;
/** After the holder acknowledged: how long its user agent may take to stop before the claimer takes the line anyway. */
export const RELEASE_WAIT_MS = 10_000;

export type TabMessage =
  | { type: "who-holds"; from: string }
  | { type: "contending"; from: string }
  | { type: "i-hold"; from: string }
  | { type: "take-over"; from: string }
  | { type: "releasing"; from: string; to: string }
  | { type: "released"; from: string; to: string | null }
  | { type: "refused"; from: string; to: string }
  | { type: "gone"; from: string };

export type TabPhase = "probing" | "holding" | "standby" | "claiming" | "releasing";

export interface TabClaimState {
  me: string;
  phase: TabPhase;
  /** The tab believed to hold the line (standby, claiming), when known. */
  holder: string | null;
  /** The tab this one is handing the line to (releasing). */
  claimer: string | null;
  /** The holder refused the last "Use here": it is on a call. */
  refused: boolean;
  /** This tab has a call up: it refuses to hand the line over (the call would drop). */
  onCall: boolean;
}

export type TabEvent =
  | { kind: "start" }
  | { kind: "message"; message: unknown }
  | { kind: "timeout" }
  | { kind: "use-here" }
  /** The user agent has unregistered and stopped (after the phase became "releasing"). */
  | { kind: "stopped" }
  | { kind: "call"; active: boolean }
  /** The page is going away (pagehide). */
  | { kind: "closing" };

export type TabEffect = { kind: "post"; message: TabMessage } | { kind: "timer"; ms: number } | { kind: "clear-timer" };

export interface TabStep {
  state: TabClaimState;
  effects: TabEffect[];
}

/** A tab's id: ordered by when the tab opened (fixed width, so strings compare as times), then at random. */
export function newTabId(now = Date.now(), random = Math.random()): string {
  return `${now.toString(36).padStart(10, "0")}-${Math.floor(random * 36 ** 6).toString(36).padStart(6, "0")}`;
}

export function initialTabClaim(me: string): TabClaimState {
  return { me, phase: "probing", holder: null, claimer: null, refused: false, onCall: false };
}

const TYPES = new Set(["who-holds", "contending", "i-hold", "take-over", "releasing", "released", "refused", "gone"]);

/** A message from the channel, or null for anything else posted on it. */
export function parseTabMessage(data: unknown): TabMessage | null {
  if (!data || typeof data !== "object") return null;
  const m = data as Record<string, unknown>;
  if (typeof m.type !== "string" || !TYPES.has(m.type) || typeof m.from !== "string" || !m.from) return null;
  if ((m.type === "releasing" || m.type === "refused") && typeof m.to !== "string") return null;
  if (m.type === "released" && m.to !== null && typeof m.to !== "string") return null;
  return m as unknown as TabMessage;
}

const post = (message: TabMessage): TabEffect => ({ kind: "post", message });

export function stepTabClaim(state: TabClaimState, event: TabEvent): TabStep {
  const me = state.me;
  const at = (patch: Partial<TabClaimState>, ...effects: TabEffect[]): TabStep => ({ state: { ...state, ...patch }, effects });
  const same = (): TabStep => ({ state, effects: [] });
  const probe = (): TabStep => at({ phase: "probing", holder: null, claimer: null }, post({ type: "who-holds", from: me }), { kind: "timer", ms: PROBE_MS });
  const hold = (): TabStep => at({ phase: "holding", holder: me, claimer: null, refused: false }, { kind: "clear-timer" }, post({ type: "i-hold", from: me }));

  switch (event.kind) {
    case "start":
      return probe();
    case "call":
      return at({ onCall: event.active });
    case "timeout":
      // Nobody answered the question, or the holder never answered "Use here": the line is free.
      return state.phase === "probing" || state.phase === "claiming" ? hold() : same();
    case "use-here":
      if (state.phase !== "standby") return same();
      return at({ phase: "claiming", refused: false }, post({ type: "take-over", from: me }), { kind: "timer", ms: CLAIM_MS });
    case "stopped":
      if (state.phase !== "releasing") return same();
      return at({ phase: "standby", holder: state.claimer, claimer: null }, post({ type: "released", from: me, to: state.claimer }));
    case "closing":
      if (state.phase === "holding") return at({ phase: "standby" }, post({ type: "gone", from: me }));
      if (state.phase === "releasing") return at({ phase: "standby" }, post({ type: "released", from: me, to: state.claimer }));
      return same();
    case "message":
      break;
  }

  const message = parseTabMessage(event.message);
  if (!message || message.from === me) return same();
  const from = message.from;
  const toMe = "to" in message && message.to === me;

  switch (state.phase) {
    case "probing":
      if (message.type === "i-hold") return at({ phase: "standby", holder: from }, { kind: "clear-timer" });
      // Two tabs asking at once: the older one goes on to take the line, the younger waits in standby.
      if (message.type === "who-holds") return from < me ? at({ phase: "standby", holder: null }, { kind: "clear-timer" }) : at({}, post({ type: "contending", from: me }));
      if (message.type === "contending" && from < me) return at({ phase: "standby", holder: null }, { kind: "clear-timer" });
      return same();

    case "holding":
      if (message.type === "who-holds") return at({}, post({ type: "i-hold", from: me }));
      if (message.type === "take-over") {
        if (state.onCall) return at({}, post({ type: "refused", from: me, to: from }));
        return at({ phase: "releasing", claimer: from }, post({ type: "releasing", from: me, to: from }));
      }
      // Should never happen (two holders); the older keeps the line, the younger lets it go.
      if (message.type === "i-hold") return from < me ? at({ phase: "releasing", claimer: null, holder: from }) : at({}, post({ type: "i-hold", from: me }));
      return same();

    case "releasing":
      // Still registered until the user agent stopped: say so, so nobody else takes the line meanwhile.
      if (message.type === "who-holds") return at({}, post({ type: "i-hold", from: me }));
      if (message.type === "take-over" && from !== state.claimer) return at({}, post({ type: "releasing", from: me, to: from }));
      return same();

    case "standby":
      if (message.type === "i-hold") return at({ holder: from });
      if (message.type === "released" && message.to !== me) return at({ holder: message.to });
      // The holder went away: ask again (the tabs in standby agree among themselves by id).
      if (message.type === "gone" && (state.holder === null || state.holder === from)) return probe();
      return same();

    case "claiming":
      if (message.type === "releasing" && toMe) return at({}, { kind: "timer", ms: RELEASE_WAIT_MS });
      if (message.type === "released" && toMe) return hold();
      if (message.type === "refused" && toMe) return at({ phase: "standby", holder: from, refused: true }, { kind: "clear-timer" });
      if (message.type === "gone" && (state.holder === null || state.holder === from)) return hold();
      // Another tab got the line first (it asked too): this one's request lapsed.
      if (message.type === "i-hold" && state.holder !== null && from !== state.holder) return at({ phase: "standby", holder: from }, { kind: "clear-timer" });
      if (message.type === "i-hold" && state.holder === null) return at({ holder: from });
      if (message.type === "who-holds") return at({}, post({ type: "contending", from: me }));
      return same();
  }
}

/** The line may be registered in this tab. */
export function tabHoldsLine(state: TabClaimState): boolean {
  return state.phase === "holding";
}
