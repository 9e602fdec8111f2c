import { describe, expect, it } from "vitest";
import { CLAIM_MS, initialTabClaim, newTabId, parseTabMessage, PROBE_MS, stepTabClaim, type TabClaimState, type TabEvent } from "./tab-claim";

// Tabs of one browser on a fake BroadcastChannel: every post reaches every other open tab 1 ms later (never the
// sender), timers run on a virtual clock, and a tab's user agent stays registered from the moment it holds the line
// until it has stopped (`stopMs` after it was told to let go). After every step: never two tabs registered.
interface SimTab {
  id: string;
  state: TabClaimState;
  open: boolean;
  registered: boolean;
  stopMs: number;
  timer: number;
}

class Browser {
  now = 0;
  private seq = 0;
  private queue: { at: number; seq: number; run: () => void }[] = [];
  readonly tabs: SimTab[] = [];
  maxRegistered = 0;

  openTab(opts: { stopMs?: number } = {}): SimTab {
    const tab: SimTab = { id: newTabId(1_700_000_000_000 + this.tabs.length, 0.5), state: initialTabClaim(""), open: true, registered: false, stopMs: opts.stopMs ?? 50, timer: 0 };
    tab.state = initialTabClaim(tab.id);
    this.tabs.push(tab);
    this.dispatch(tab, { kind: "start" });
    return tab;
  }

  dispatch(tab: SimTab, event: TabEvent): void {
    if (!tab.open) return;
    const before = tab.state.phase;
    const step = stepTabClaim(tab.state, event);
    tab.state = step.state;
    for (const effect of step.effects) {
      if (effect.kind === "post") {
        for (const other of this.tabs) if (other !== tab) this.later(1, () => this.dispatch(other, { kind: "message", message: structuredClone(effect.message) }));
      } else {
        const token = ++tab.timer;
        if (effect.kind === "timer") this.later(effect.ms, () => tab.timer === token && this.dispatch(tab, { kind: "timeout" }));
      }
    }
    if (tab.state.phase === "holding") tab.registered = true;
    if (before !== "releasing" && tab.state.phase === "releasing") {
      // The hook: the user agent unregisters and stops, then the machine hears "stopped".
      this.later(tab.stopMs, () => {
        tab.registered = false;
        this.dispatch(tab, { kind: "stopped" });
      });
    }
    this.check();
  }

  /** The tab's page goes away: pagehide, then nothing of it runs; its socket closes, so the switch drops its line. */
  close(tab: SimTab): void {
    this.dispatch(tab, { kind: "closing" });
    tab.open = false;
    tab.registered = false;
  }

  /** The tab freezes or crashes: no pagehide, no answers, its registration gone with its socket. */
  crash(tab: SimTab): void {
    tab.open = false;
    tab.registered = false;
  }

  run(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.queue[0];
      if (!next || next.at > until) break;
      this.queue.shift();
      this.now = next.at;
      next.run();
    }
    this.now = until;
  }

  holders(): string[] {
    return this.tabs.filter((t) => t.open && t.state.phase === "holding").map((t) => t.id);
  }

  private later(ms: number, run: () => void): void {
    this.queue.push({ at: this.now + ms, seq: this.seq++, run });
  }

  private check(): void {
    const registered = this.tabs.filter((t) => t.registered).length;
    this.maxRegistered = Math.max(this.maxRegistered, registered);
    if (registered > 1) throw new Error(`two tabs registered at ${this.now} ms: ${this.tabs.map((t) => `${t.id}=${t.state.phase}`).join(", ")}`);
  }
}

describe("which /desktop tab holds the line (BroadcastChannel protocol)", () => {
  it("a lone tab asks, hears nobody within the probe time, and holds the line", () => {
    const b = new Browser();
    const a = b.openTab();
    b.run(PROBE_MS - 1);
    expect(a.state.phase).toBe("probing");
    b.run(1);
    expect(b.holders()).toEqual([a.id]);
  });

  it("a second tab hears the holder and waits in standby, knowing which tab holds the line", () => {
    const b = new Browser();
    const a = b.openTab();
    b.run(1_000);
    const second = b.openTab();
    b.run(5_000);
    expect(b.holders()).toEqual([a.id]);
    expect(second.state).toMatchObject({ phase: "standby", holder: a.id });
  });

  it("'Use here' moves the line: the holder stops first, then the new tab registers; and back again", () => {
    const b = new Browser();
    const a = b.openTab({ stopMs: 800 });
    b.run(1_000);
    const second = b.openTab({ stopMs: 300 });
    b.run(1_000);
    b.dispatch(second, { kind: "use-here" });
    b.run(10);
    expect(a.state.phase).toBe("releasing");
    expect(second.state.phase).toBe("claiming");
    b.run(700);
    // The holder's user agent is still stopping: the new tab has not registered.
    expect(second.registered).toBe(false);
    b.run(200);
    expect(b.holders()).toEqual([second.id]);
    expect(a.state).toMatchObject({ phase: "standby", holder: second.id });

    b.dispatch(a, { kind: "use-here" });
    b.run(1_000);
    expect(b.holders()).toEqual([a.id]);
    expect(second.state).toMatchObject({ phase: "standby", holder: a.id });
    expect(b.maxRegistered).toBe(1);
  });

  it("a holder whose user agent takes longer to stop than CLAIM_MS keeps the claimer waiting (it acknowledged)", () => {
    const b = new Browser();
    const a = b.openTab({ stopMs: CLAIM_MS * 3 });
    b.run(1_000);
    const second = b.openTab();
    b.run(1_000);
    b.dispatch(second, { kind: "use-here" });
    b.run(CLAIM_MS * 2);
    expect(second.state.phase).toBe("claiming");
    expect(a.registered).toBe(true);
    b.run(CLAIM_MS * 2);
    expect(b.holders()).toEqual([second.id]);
  });

  it("a holder on a call refuses: the line stays, and the other tab says why", () => {
    const b = new Browser();
    const a = b.openTab();
    b.run(1_000);
    b.dispatch(a, { kind: "call", active: true });
    const second = b.openTab();
    b.run(1_000);
    b.dispatch(second, { kind: "use-here" });
    b.run(CLAIM_MS * 3);
    expect(b.holders()).toEqual([a.id]);
    expect(second.state).toMatchObject({ phase: "standby", refused: true, holder: a.id });
    b.dispatch(a, { kind: "call", active: false });
    b.dispatch(second, { kind: "use-here" });
    b.run(1_000);
    expect(b.holders()).toEqual([second.id]);
    expect(second.state.refused).toBe(false);
  });

  it("a holder that died without a word is presumed gone after CLAIM_MS", () => {
    const b = new Browser();
    const a = b.openTab();
    b.run(1_000);
    const second = b.openTab();
    b.run(1_000);
    b.crash(a);
    b.dispatch(second, { kind: "use-here" });
    b.run(CLAIM_MS - 10);
    expect(second.state.phase).toBe("claiming");
    b.run(20);
    expect(b.holders()).toEqual([second.id]);
  });

  it("two tabs opened at the same moment agree: the older one holds", () => {
    const b = new Browser();
    const first = b.openTab();
    const second = b.openTab();
    b.run(5_000);
    expect(b.holders()).toEqual([first.id]);
    expect(second.state).toMatchObject({ phase: "standby", holder: first.id });
  });

  it("a tab opened while another is still asking yields to the older one, which then holds", () => {
    const b = new Browser();
    const first = b.openTab();
    b.run(PROBE_MS / 2);
    const second = b.openTab();
    b.run(5_000);
    expect(b.holders()).toEqual([first.id]);
    expect(second.state.phase).toBe("standby");
  });

  it("when the holding tab closes, exactly one of the waiting tabs takes the line", () => {
    const b = new Browser();
    const a = b.openTab();
    b.run(1_000);
    const tabs = [b.openTab(), b.openTab(), b.openTab()];
    b.run(1_000);
    b.close(a);
    b.run(5_000);
    expect(b.holders()).toHaveLength(1);
    expect(tabs.map((t) => t.id)).toContain(b.holders()[0]);
    expect(tabs.filter((t) => t.state.phase === "standby")).toHaveLength(2);
  });

  it("two waiting tabs pressing 'Use here' together: one gets the line, never both", () => {
    const b = new Browser();
    b.openTab({ stopMs: 400 });
    b.run(1_000);
    const x = b.openTab();
    const y = b.openTab();
    b.run(1_000);
    b.dispatch(x, { kind: "use-here" });
    b.dispatch(y, { kind: "use-here" });
    b.run(20_000);
    expect(b.holders()).toHaveLength(1);
    expect(b.maxRegistered).toBe(1);
  });

  it("ignores what is not its protocol on the channel, and its own posts", () => {
    expect(parseTabMessage(null)).toBeNull();
    expect(parseTabMessage("who-holds")).toBeNull();
    expect(parseTabMessage({ type: "take-over" })).toBeNull();
    expect(parseTabMessage({ type: "explode", from: "x" })).toBeNull();
    expect(parseTabMessage({ type: "releasing", from: "x" })).toBeNull();
    expect(parseTabMessage({ type: "released", from: "x", to: null })).toEqual({ type: "released", from: "x", to: null });
    const holding: TabClaimState = { ...initialTabClaim("me"), phase: "holding", holder: "me" };
    expect(stepTabClaim(holding, { kind: "message", message: { type: "take-over", from: "me" } })).toEqual({ state: holding, effects: [] });
    expect(stepTabClaim(holding, { kind: "message", message: { type: "nonsense", from: "other" } }).state.phase).toBe("holding");
  });

  it("orders tab ids by when the tab opened", () => {
    expect(newTabId(1_000, 0.99) < newTabId(2_000, 0)).toBe(true);
    expect(newTabId(1_700_000_000_000, 0.1)).toHaveLength(newTabId(5, 0.1).length);
  });
});
