import { describe, expect, it } from "vitest";
import { businessHoursBranch, localMoment } from "./business-hours";
import { ZFlowGraph, starterGraph, type FlowGraphInput } from "./flow-graph";
import { evaluateCondition, readJsonPath, renderTemplate } from "./flow-variables";
import { validateFlow } from "./validate-flow";

const graph = (g: FlowGraphInput) => ZFlowGraph.parse(g);
const say = (id: string, text = "Hello") => ({ id, kind: "say" as const, prompt: { type: "say" as const, text } });
const edge = (source: string, branch: string, target: string) => ({ id: `${source}-${branch}-${target}`, source, branch, target });
const codes = (g: FlowGraphInput) => validateFlow(graph(g)).map((i) => [i.nodeId, i.code, i.severity]);

describe("validateFlow names the node at fault", () => {
  it("accepts the starter flow", () => {
    expect(validateFlow(starterGraph())).toEqual([]);
  });

  it("a missing start", () => {
    expect(codes({ nodes: [say("a")], edges: [] })).toContainEqual([null, "missing_start", "error"]);
  });

  it("a dangling branch: a menu option leading nowhere, an edge to a node that is gone", () => {
    const issues = codes({
      nodes: [{ id: "start", kind: "start" }, { id: "menu", kind: "menu", prompt: { text: "Press 1" }, options: [{ key: "1" }, { key: "2" }] }, say("sales")],
      edges: [edge("start", "next", "menu"), edge("menu", "1", "sales"), edge("sales", "next", "gone")],
    });
    expect(issues).toContainEqual(["menu", "dangling_branch", "error"]);
    expect(issues).toContainEqual(["sales", "dangling_branch", "error"]);
    expect(validateFlow(graph({ nodes: [{ id: "start", kind: "start" }, { id: "menu", kind: "menu", label: "Main menu", prompt: { text: "Press 1" }, options: [{ key: "1" }, { key: "2" }] }, say("sales")], edges: [edge("start", "next", "menu"), edge("menu", "1", "sales")] })).find((i) => i.nodeId === "menu")!.message).toBe('"Main menu": branch "Key 2" leads nowhere');
  });

  it("an empty prompt", () => {
    expect(codes({ nodes: [{ id: "start", kind: "start" }, say("hello", "  ")], edges: [edge("start", "next", "hello")] })).toEqual([["hello", "empty_prompt", "error"]]);
  });

  it("a loop with no exit, and a loop where the caller hears nothing", () => {
    const noExit = codes({
      nodes: [{ id: "start", kind: "start" }, { id: "menu", kind: "menu", prompt: { text: "Press 1" }, options: [{ key: "1" }] }, say("again")],
      edges: [edge("start", "next", "menu"), edge("menu", "1", "again"), edge("again", "next", "menu"), edge("menu", "timeout", "menu"), edge("menu", "invalid", "menu")],
    });
    expect(noExit).toContainEqual(["again", "loop_without_exit", "error"]);
    const silent = codes({
      nodes: [{ id: "start", kind: "start" }, { id: "set", kind: "setVariable", variable: "n", value: "1" }, { id: "check", kind: "condition", variable: "n", operator: "equals", value: "2" }, { id: "bye", kind: "hangup" }],
      edges: [edge("start", "next", "set"), edge("set", "next", "check"), edge("check", "false", "set"), edge("check", "true", "bye")],
    });
    expect(silent).toContainEqual(["check", "silent_loop", "error"]);
  });

  it("a menu that loops back to itself but lets a timeout end the call is fine", () => {
    expect(
      codes({
        nodes: [{ id: "start", kind: "start" }, { id: "menu", kind: "menu", prompt: { text: "Press 1" }, options: [{ key: "1" }] }, say("again")],
        edges: [edge("start", "next", "menu"), edge("menu", "1", "again"), edge("again", "next", "menu")],
      }),
    ).toEqual([]);
  });

  it("warns of an unreachable node and of a queue step; settings a step needs", () => {
    const issues = codes({
      nodes: [{ id: "start", kind: "start" }, { id: "q", kind: "queue", queue: "support" }, { id: "lost", kind: "hangup" }, { id: "d", kind: "dial", number: "call me" }, { id: "v", kind: "voicemail" }],
      edges: [edge("start", "next", "q")],
    });
    expect(issues).toContainEqual(["q", "not_yet_runnable", "warning"]);
    expect(issues).toContainEqual(["lost", "unreachable", "warning"]);
    expect(issues).toContainEqual(["d", "missing_setting", "error"]);
    expect(issues).toContainEqual(["v", "missing_setting", "error"]);
  });

  it("refuses two nodes with one id", () => {
    expect(ZFlowGraph.safeParse({ nodes: [say("a"), say("a")], edges: [] }).success).toBe(false);
  });
});

describe("business hours", () => {
  const node = {
    timezone: "America/New_York",
    schedule: { mon: [{ from: "09:00", to: "17:00" }], tue: [{ from: "09:00", to: "17:00" }], wed: [], thu: [], fri: [], sat: [], sun: [{ from: "22:00", to: "24:00" }] },
    holidays: [{ date: "2026-12-25", label: "Christmas" }],
  };

  it("reads 09:00 in New York as 13:00 UTC in summer and 14:00 UTC in winter", () => {
    expect(businessHoursBranch(node, new Date("2026-07-06T12:59:00Z"))).toBe("closed");
    expect(businessHoursBranch(node, new Date("2026-07-06T13:00:00Z"))).toBe("open");
    expect(businessHoursBranch(node, new Date("2026-01-05T13:30:00Z"))).toBe("closed");
    expect(businessHoursBranch(node, new Date("2026-01-05T14:00:00Z"))).toBe("open");
  });

  it("across the DST change: the Monday after clocks go forward opens at 09:00 local", () => {
    // 2026-03-08: US clocks go forward; Monday 9 March opens at 13:00 UTC, Monday 2 March at 14:00 UTC.
    expect(businessHoursBranch(node, new Date("2026-03-02T13:30:00Z"))).toBe("closed");
    expect(businessHoursBranch(node, new Date("2026-03-09T13:30:00Z"))).toBe("open");
    expect(localMoment(new Date("2026-03-08T07:30:00Z"), "America/New_York")).toEqual({ date: "2026-03-08", weekday: "sun", minutes: 3 * 60 + 30 });
  });

  it("closes at the end of a range and runs to midnight with 24:00", () => {
    expect(businessHoursBranch(node, new Date("2026-07-06T21:00:00Z"))).toBe("closed");
    expect(businessHoursBranch(node, new Date("2026-07-06T03:59:00Z"))).toBe("open"); // Sunday 23:59 in New York
  });

  it("a holiday by its local date, whatever the weekday's hours", () => {
    // Friday 25 December 2026, 00:30 in New York is 05:30 UTC; 24 December 23:30 local is still not the holiday.
    expect(businessHoursBranch({ ...node, schedule: { ...node.schedule, fri: [{ from: "00:00", to: "24:00" }], thu: [{ from: "00:00", to: "24:00" }] } }, new Date("2026-12-25T05:30:00Z"))).toBe("holiday");
    expect(businessHoursBranch({ ...node, schedule: { ...node.schedule, thu: [{ from: "00:00", to: "24:00" }] } }, new Date("2026-12-25T04:30:00Z"))).toBe("open");
  });
});

describe("variables", () => {
  it("fills templates, compares and reads JSON answers", () => {
    expect(renderTemplate("Hi {{ name }}, you are {{tier}}{{missing}}", { name: "Ada", tier: "gold" })).toBe("Hi Ada, you are gold");
    expect(evaluateCondition({ variable: "tier", operator: "equals", value: "GOLD" }, { tier: "gold" })).toBe(true);
    expect(evaluateCondition({ variable: "balance", operator: "greaterThan", value: "10" }, { balance: "12.5" })).toBe(true);
    expect(evaluateCondition({ variable: "balance", operator: "lessThan", value: "x" }, { balance: "1" })).toBe(false);
    expect(evaluateCondition({ variable: "nothing", operator: "isEmpty", value: "" }, {})).toBe(true);
    expect(readJsonPath({ customer: { tier: "gold", ids: [7] } }, "customer.ids.0")).toBe("7");
    expect(readJsonPath({ a: 1 }, "b.c")).toBe("");
  });
});
