import { describe, expect, it } from "vitest";
import { routeWork, type RouterAgent, type RouterQueue, type WaitingItem } from "@/server/acd/route-work";

const NOW = 1_000_000_000;
const queue = (id: string, over: Partial<RouterQueue> = {}): RouterQueue => ({ id, strategy: "longest-idle", priority: 0, requiredSkills: [], agingSeconds: 0, ...over });
const agent = (id: string, over: Partial<RouterAgent> = {}): RouterAgent => ({
  id,
  queueIds: ["q"],
  skills: {},
  capacity: { call: 1, conversation: 3 },
  load: { call: 0, conversation: 0 },
  idleSinceMs: NOW - 1_000,
  lastOfferedMs: 0,
  ...over,
});
const item = (id: string, over: Partial<WaitingItem> = {}): WaitingItem => ({ id, kind: "call", queueId: "q", priority: 0, enqueuedAtMs: NOW - 10_000, excludedAgentIds: [], ...over });
const pairs = (a: ReturnType<typeof routeWork>) => a.map((x) => [x.itemId, ...x.agentIds]);

describe("routeWork", () => {
  it("longest-idle: the longest waiting caller goes to the agent free the longest; one call per agent", () => {
    const out = routeWork({
      queues: [queue("q")],
      items: [item("late", { enqueuedAtMs: NOW - 5_000 }), item("early", { enqueuedAtMs: NOW - 50_000 }), item("third")],
      agents: [agent("recent", { idleSinceMs: NOW - 1_000 }), agent("longest", { idleSinceMs: NOW - 60_000 })],
      nowMs: NOW,
    });
    expect(pairs(out)).toEqual([
      ["early", "longest"],
      ["third", "recent"],
    ]);
    expect(out[0]!.reason).toBe("longest-idle: idle 60 s");
  });

  it("skills: only agents with every required skill at its level; skills-weighted prefers the higher level sum", () => {
    const q = queue("q", { strategy: "skills-weighted", requiredSkills: [{ skillId: "fr", minLevel: 3 }, { skillId: "billing", minLevel: 1 }] });
    const out = routeWork({
      queues: [q],
      items: [item("a"), item("b", { enqueuedAtMs: NOW - 1 })],
      agents: [
        agent("no-french", { skills: { billing: 10 } }),
        agent("low-french", { skills: { fr: 2, billing: 10 } }),
        agent("good", { skills: { fr: 5, billing: 2 } }),
        agent("best", { skills: { fr: 9, billing: 9 }, idleSinceMs: NOW }),
      ],
      nowMs: NOW,
    });
    expect(pairs(out)).toEqual([
      ["a", "best"],
      ["b", "good"],
    ]);
    expect(out[0]!.reason).toBe("skills-weighted: level sum 18, skills fr≥3 billing≥1");
  });

  it("round-robin: the agent offered the longest ago (never first)", () => {
    const out = routeWork({
      queues: [queue("q", { strategy: "round-robin" })],
      items: [item("x")],
      agents: [agent("just", { lastOfferedMs: NOW - 1_000, idleSinceMs: NOW - 99_000 }), agent("never", { lastOfferedMs: 0, idleSinceMs: NOW })],
      nowMs: NOW,
    });
    expect(pairs(out)).toEqual([["x", "never"]]);
    expect(out[0]!.reason).toMatch(/^round-robin: last offered never/);
  });

  it("ring-all rings every eligible agent for a call; conversations under ring-all go to one agent", () => {
    const out = routeWork({
      queues: [queue("q", { strategy: "ring-all" })],
      items: [item("call"), item("chat", { kind: "conversation" })],
      agents: [agent("a"), agent("b"), agent("c", { excludedAgentIds: [] } as Partial<RouterAgent>)],
      nowMs: NOW,
    });
    expect(out[0]).toMatchObject({ itemId: "call", agentIds: ["a", "b", "c"], reason: "ring-all: 3 agents free" });
    expect(out[1]!.agentIds).toHaveLength(1);
  });

  it("ring-all: a callback (one agent calls the customer back) goes to the longest idle alone, leaving the others for the next caller", () => {
    const out = routeWork({
      queues: [queue("q", { strategy: "ring-all" })],
      items: [item("qcb_1", { oneAgent: true, enqueuedAtMs: NOW - 60_000 }), item("call")],
      agents: [agent("a", { idleSinceMs: NOW - 5_000 }), agent("b", { idleSinceMs: NOW - 50_000 }), agent("c")],
      nowMs: NOW,
    });
    expect(pairs(out)).toEqual([
      ["qcb_1", "b"],
      ["call", "a", "c"],
    ]);
    expect(out[0]!.reason).toMatch(/^longest-idle: /);
  });

  it("an agent who missed an item is not offered it again; an agent on a call still takes conversations up to capacity (blended)", () => {
    const out = routeWork({
      queues: [queue("q")],
      items: [item("missed-by-a", { excludedAgentIds: ["a"], enqueuedAtMs: NOW - 99_000 }), item("c1", { kind: "conversation" }), item("c2", { kind: "conversation" }), item("c3", { kind: "conversation" })],
      agents: [agent("a", { idleSinceMs: NOW - 9_000, load: { call: 1, conversation: 1 } }), agent("b")],
      nowMs: NOW,
    });
    expect(pairs(out)).toEqual([
      ["missed-by-a", "b"],
      ["c1", "a"],
      ["c2", "a"],
      ["c3", "b"],
    ]);
  });

  it("priority: queue and item priority first, then ageing lifts an old low-priority item above a fresh high one", () => {
    const queues = [queue("vip", { priority: 5 }), queue("std", { priority: 0, agingSeconds: 10 })];
    const agents = [agent("only", { queueIds: ["vip", "std"] })];
    const fresh = { enqueuedAtMs: NOW - 1_000 };
    expect(pairs(routeWork({ queues, agents, nowMs: NOW, items: [item("std-1", { queueId: "std", enqueuedAtMs: NOW - 20_000 }), item("vip-1", { queueId: "vip", ...fresh })] }))).toEqual([["vip-1", "only"]]);
    expect(pairs(routeWork({ queues, agents, nowMs: NOW, items: [item("std-old", { queueId: "std", enqueuedAtMs: NOW - 70_000 }), item("vip-1", { queueId: "vip", ...fresh })] }))).toEqual([["std-old", "only"]]);
    expect(pairs(routeWork({ queues, agents, nowMs: NOW, items: [item("std-p", { queueId: "std", priority: 6, ...fresh }), item("vip-1", { queueId: "vip", ...fresh })] }))).toEqual([["std-p", "only"]]);
  });

  it("nobody free, unknown queues, agents of other queues: no assignment; the same input gives the same output", () => {
    const input = {
      queues: [queue("q"), queue("other")],
      items: [item("x"), item("lost", { queueId: "nope" })],
      agents: [agent("busy", { load: { call: 1, conversation: 3 } }), agent("elsewhere", { queueIds: ["other"] })],
      nowMs: NOW,
    };
    expect(routeWork(input)).toEqual([]);
    const busy = { ...input, agents: [agent("a"), agent("b"), agent("c")], items: [item("1"), item("2"), item("3"), item("4")] };
    expect(routeWork(busy)).toEqual(routeWork(busy));
    expect(routeWork(busy)).toHaveLength(3);
  });

  it("a transfer meant for one agent goes to them alone (skills and strategy aside), waits while they are busy, and uses their room", () => {
    const queues = [queue("q", { requiredSkills: [{ skillId: "fr", minLevel: 5 }] })];
    const agents = [agent("idle-longest", { idleSinceMs: NOW - 600_000, skills: { fr: 9 } }), agent("meant", { skills: {}, queueIds: [] })];
    const routed = routeWork({ queues, agents, nowMs: NOW, items: [item("xfer", { targetAgentId: "meant", enqueuedAtMs: NOW - 60_000 }), item("plain", { enqueuedAtMs: NOW - 1_000 })] });
    expect(pairs(routed)).toEqual([["xfer", "meant"], ["plain", "idle-longest"]]);
    expect(routed[0]!.reason).toBe("transfer: meant for agent meant");
    // Busy (or absent): the transfer waits, and nobody else is offered it.
    expect(routeWork({ queues, agents: [agents[0]!, agent("meant", { load: { call: 1, conversation: 0 } })], nowMs: NOW, items: [item("xfer", { targetAgentId: "meant" })] })).toEqual([]);
    expect(routeWork({ queues, agents: [agents[0]!], nowMs: NOW, items: [item("xfer", { targetAgentId: "meant" })] })).toEqual([]);
    // Two meant for the same agent: one now, one after.
    expect(pairs(routeWork({ queues, agents, nowMs: NOW, items: [item("1", { targetAgentId: "meant" }), item("2", { targetAgentId: "meant" })] }))).toEqual([["1", "meant"]]);
  });

  it("an agent who missed an item is asked again once nobody else can take it and their last offer is 15 s old; never while someone else is free", () => {
    const queues = [queue("q"), queue("all", { strategy: "ring-all" })];
    const missed = item("x", { excludedAgentIds: ["a"] });
    // a missed it 5 s ago, b is busy: the caller waits.
    expect(routeWork({ queues, items: [missed], agents: [agent("a", { lastOfferedMs: NOW - 5_000 }), agent("b", { load: { call: 1, conversation: 0 } })], nowMs: NOW })).toEqual([]);
    // 20 s ago: a is asked again, and the log says why.
    const again = routeWork({ queues, items: [missed], agents: [agent("a", { lastOfferedMs: NOW - 20_000 }), agent("b", { load: { call: 1, conversation: 0 } })], nowMs: NOW });
    expect(pairs(again)).toEqual([["x", "a"]]);
    expect(again[0]!.reason).toMatch(/asked again after a miss/);
    // Someone else free: they take it, not the agent who missed.
    expect(pairs(routeWork({ queues, items: [missed], agents: [agent("a", { lastOfferedMs: NOW - 20_000 }), agent("b")], nowMs: NOW }))).toEqual([["x", "b"]]);
    // Ring-all rung out on both: both ring again together once it has been a while.
    const rungOut = item("y", { queueId: "all", excludedAgentIds: ["a", "b"] });
    const both = [agent("a", { queueIds: ["all"], lastOfferedMs: NOW - 20_000 }), agent("b", { queueIds: ["all"], lastOfferedMs: NOW - 20_000 })];
    expect(pairs(routeWork({ queues, items: [rungOut], agents: both, nowMs: NOW }))).toEqual([["y", "a", "b"]]);
  });
});
