// Each kind of node as the document the interpreter runs, through runFlowStep with a fixed clock and a stub HTTP sender.
import { describe, expect, it } from "vitest";
import { ZFlowGraph, type FlowGraphInput } from "@/lib/ivr-flows/flow-graph";
import { readFlowStepQuery } from "./flow-step-url";
import { runFlowStep, type FlowHttpRequest, type FlowStepDeps } from "./run-flow-step";

const V = "fv_test";
const edge = (source: string, branch: string, target: string) => ({ id: `${source}-${branch}-${target}`, source, branch, target });
const bye = { id: "bye", kind: "hangup" as const, prompt: { text: "Goodbye {{caller}}" } };

function deps(answer: { status: number | null; body: string | null } = { status: 200, body: "{}" }, now = new Date("2026-07-06T15:00:00Z")) {
  const sent: FlowHttpRequest[] = [];
  const d: FlowStepDeps = { now: () => now, sendHttp: async (r) => (sent.push(r), answer) };
  return { d, sent };
}

async function step(g: FlowGraphInput, nodeId: string, opts: { query?: string; params?: Record<string, string>; deps?: FlowStepDeps } = {}) {
  const result = await runFlowStep(
    { versionId: V, graph: ZFlowGraph.parse(g), nodeId, query: readFlowStepQuery(new URLSearchParams(opts.query ?? "")), params: { From: "+15555550100", To: "+15555550199", ...opts.params } },
    opts.deps ?? deps().d,
  );
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe("flow nodes compile to voice documents", () => {
  it("say: the prompt, then a redirect to the next step carrying the variables", async () => {
    const g = { nodes: [{ id: "hi", kind: "say" as const, prompt: { text: "Hello {{name}}" } }, bye], edges: [edge("hi", "next", "bye")] };
    const r = await step(g, "hi", { query: "v.name=Ada" });
    expect(r.document).toMatchObject([{ say: "Hello Ada" }, { redirect: "irisx:flow/fv_test/bye?v.name=Ada" }]);
    expect((await step({ nodes: [g.nodes[0]!], edges: [] }, "hi", { query: "v.name=Ada" })).document).toMatchObject([{ say: "Hello Ada" }, { hangup: true }]);
    expect((await step({ nodes: [{ id: "p", kind: "say", prompt: { type: "play", text: "https://cdn.example.com/a.mp3" } }], edges: [] }, "p")).document[0]).toMatchObject({ play: "https://cdn.example.com/a.mp3" });
  });

  it("menu: a gather of one key (speech when options have phrases) posting to its input phase, then its timeout phase", async () => {
    const g = { nodes: [{ id: "m", kind: "menu" as const, prompt: { text: "Press 1 for sales" }, options: [{ key: "1" as const, phrases: ["sales"] }], timeoutSeconds: 7 }, bye], edges: [edge("m", "1", "bye")] };
    const r = await step(g, "m");
    expect(r.document).toEqual([
      expect.objectContaining({ gather: [expect.objectContaining({ say: "Press 1 for sales" })], input: ["dtmf", "speech"], numDigits: 1, finishOnKey: "", timeout: 7, hints: "sales", action: "irisx:flow/fv_test/m?phase=input" }),
      expect.objectContaining({ redirect: "irisx:flow/fv_test/m?phase=timeout" }),
    ]);
    const chosen = await step(g, "m", { query: "phase=input", params: { Digits: "1" } });
    expect(chosen.document).toMatchObject([{ say: "Goodbye +15555550100" }, { hangup: true }]);
    expect(chosen.visited).toEqual(["m", "bye"]);
    expect((await step(g, "m", { query: "phase=input", params: { SpeechResult: "Sales please" } })).visited).toEqual(["m", "bye"]);
  });

  it("menu: an invalid key or a timeout asks again while retries last, then takes its branch or says goodbye", async () => {
    const g = { nodes: [{ id: "m", kind: "menu" as const, prompt: { text: "Press 1" }, options: [{ key: "1" as const }], retries: 1 }, bye], edges: [edge("m", "1", "bye"), edge("m", "timeout", "bye")] };
    const again = await step(g, "m", { query: "phase=input", params: { Digits: "9" } });
    expect(again.document).toMatchObject([{ say: "Sorry, that is not a valid choice." }, { gather: [{ say: "Press 1" }], action: "irisx:flow/fv_test/m?phase=input&r=1" }, { redirect: "irisx:flow/fv_test/m?phase=timeout&r=1" }]);
    expect((await step(g, "m", { query: "phase=input&r=1", params: { Digits: "9" } })).document).toMatchObject([{ say: "Sorry, that is not a valid choice." }, { say: "Goodbye." }, { hangup: true }]);
    expect((await step(g, "m", { query: "phase=timeout&r=1" })).document).toMatchObject([{ say: "Sorry, I did not get that." }, { say: "Goodbye +15555550100" }, { hangup: true }]);
  });

  it("dial: the number with its action phase, answered and failed branches", async () => {
    const g = { nodes: [{ id: "d", kind: "dial" as const, number: "+14155550123", timeoutSeconds: 20 }, bye], edges: [edge("d", "failed", "bye")] };
    expect((await step(g, "d")).document).toEqual([expect.objectContaining({ dial: [expect.objectContaining({ number: "+14155550123" })], timeout: 20, action: "irisx:flow/fv_test/d?phase=after" })]);
    expect((await step(g, "d", { query: "phase=after", params: { DialCallStatus: "no-answer" } })).visited).toEqual(["d", "bye"]);
    expect((await step(g, "d", { query: "phase=after", params: { DialCallStatus: "completed" } })).document).toMatchObject([{ hangup: true }]);
  });

  it("transfer, queue, voicemail, record and hangup", async () => {
    expect((await step({ nodes: [{ id: "t", kind: "transfer", to: "alice@pbx.example.com" }], edges: [] }, "t")).document).toMatchObject([{ dial: [{ sip: "sip:alice@pbx.example.com" }] }, { hangup: true }]);
    expect((await step({ nodes: [{ id: "q", kind: "queue", queue: "support" }], edges: [] }, "q")).document).toMatchObject([{ enqueue: "support" }]);
    expect((await step({ nodes: [{ id: "v", kind: "voicemail", boxId: "vmb_123" }], edges: [] }, "v")).document).toMatchObject([{ redirect: "irisx:voicemail/vmb_123" }]);
    const rec = { nodes: [{ id: "r", kind: "record" as const, prompt: { text: "Leave a message" }, maxLengthSeconds: 60 }, bye], edges: [edge("r", "next", "bye")] };
    expect((await step(rec, "r")).document).toMatchObject([{ say: "Leave a message" }, { record: true, maxLength: 60, action: "irisx:flow/fv_test/r?phase=after" }]);
    expect((await step(rec, "r", { query: "phase=after", params: { RecordingUrl: "https://rec.example.com/RE1" } })).visited).toEqual(["r", "bye"]);
    expect((await step({ nodes: [bye], edges: [] }, "bye")).document).toMatchObject([{ say: "Goodbye +15555550100" }, { hangup: true }]);
  });

  it("set variable and condition run here and compile the node they lead to", async () => {
    const g = {
      nodes: [
        { id: "start", kind: "start" as const },
        { id: "set", kind: "setVariable" as const, variable: "tier", value: "gold" },
        { id: "if", kind: "condition" as const, variable: "tier", operator: "equals" as const, value: "gold" },
        { id: "vip", kind: "say" as const, prompt: { text: "Welcome, {{tier}} member" } },
        bye,
      ],
      edges: [edge("start", "next", "set"), edge("set", "next", "if"), edge("if", "true", "vip"), edge("if", "false", "bye"), edge("vip", "next", "bye")],
    };
    const r = await step(g, "start");
    expect(r.visited).toEqual(["start", "set", "if", "vip"]);
    expect(r.document).toMatchObject([{ say: "Welcome, gold member" }, { redirect: "irisx:flow/fv_test/bye?v.tier=gold" }]);
  });

  it("HTTP step: fetches the URL (variables encoded), stores fields of the answer and branches on its status", async () => {
    const g = {
      nodes: [
        { id: "h", kind: "http" as const, url: "https://crm.example.com/lookup?from={{caller}}", assign: [{ variable: "tier", path: "customer.tier" }] },
        { id: "ok", kind: "say" as const, prompt: { text: "Tier {{tier}}" } },
        { id: "ko", kind: "say" as const, prompt: { text: "Lookup failed ({{httpStatus}})" } },
      ],
      edges: [edge("h", "success", "ok"), edge("h", "failure", "ko")],
    };
    const good = deps({ status: 200, body: JSON.stringify({ customer: { tier: "gold" } }) });
    expect((await step(g, "h", { deps: good.d })).document[0]).toMatchObject({ say: "Tier gold" });
    expect(good.sent).toEqual([{ url: "https://crm.example.com/lookup?from=%2B15555550100", method: "GET", body: null, timeoutSeconds: 5 }]);
    expect((await step(g, "h", { deps: deps({ status: 503, body: "" }).d })).document[0]).toMatchObject({ say: "Lookup failed (503)" });
    expect((await step(g, "h", { deps: deps({ status: null, body: null }).d })).document[0]).toMatchObject({ say: "Lookup failed (0)" });
  });

  it("business hours: open, closed, and a holiday falling back to closed when its branch is not connected", async () => {
    const g = {
      nodes: [
        { id: "bh", kind: "businessHours" as const, timezone: "Europe/Paris", schedule: { mon: [{ from: "09:00", to: "18:00" }] }, holidays: [{ date: "2026-07-13" }] },
        { id: "open", kind: "say" as const, prompt: { text: "Open" } },
        { id: "closed", kind: "say" as const, prompt: { text: "Closed" } },
      ],
      edges: [edge("bh", "open", "open"), edge("bh", "closed", "closed")],
    };
    const at = (iso: string) => deps(undefined, new Date(iso)).d;
    expect((await step(g, "bh", { deps: at("2026-07-06T15:00:00Z") })).document[0]).toMatchObject({ say: "Open" }); // 17:00 in Paris
    expect((await step(g, "bh", { deps: at("2026-07-06T16:30:00Z") })).document[0]).toMatchObject({ say: "Closed" }); // 18:30
    expect((await step(g, "bh", { deps: at("2026-07-13T10:00:00Z") })).document[0]).toMatchObject({ say: "Closed" }); // a holiday Monday
  });

  it("stops a loop of server-side steps instead of spinning", async () => {
    const g = { nodes: [{ id: "a", kind: "setVariable" as const, variable: "x", value: "1" }], edges: [edge("a", "next", "a")] };
    const result = await runFlowStep({ versionId: V, graph: ZFlowGraph.parse(g), nodeId: "a", query: readFlowStepQuery(new URLSearchParams()), params: {} }, deps().d);
    expect(result).toMatchObject({ ok: false, code: 12400 });
  });
});
