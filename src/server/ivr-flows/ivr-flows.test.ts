// Flows stored and run: versions published and frozen, the flow application answering only its tenant, numbers
// assigned, and a two-level menu driven by DTMF through the simulated call (the real interpreter) to the right branch,
// with its timeout and invalid-key paths.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { FlowGraphInput } from "@/lib/ivr-flows/flow-graph";
import { newSid } from "@/server/shared/ids";
import { createTestTenant } from "@/test/factories";
import { serveInternalApp } from "@/server/voice-apps/internal-apps";
import { createInboundCall } from "@/server/calls/create-inbound-call";
import { createFlow } from "./create-flow";
import { saveFlowDraft } from "./save-flow-draft";
import { publishFlow } from "./publish-flow";
import { findFlowVersions } from "./find-flow-versions";
import { assignFlowToNumbers } from "./assign-flow-to-numbers";
import { flowEntryUrl } from "./flow-entry-url";
import { startFlowTrial } from "./start-flow-trial";
import { advanceFlowTrial } from "./advance-flow-trial";
import type { TrialView } from "./flow-trial";

const edge = (source: string, branch: string, target: string) => ({ id: `${source}-${branch}-${target}`, source, branch, target });
const say = (id: string, text: string) => ({ id, kind: "say" as const, prompt: { text } });

/** Main menu: 1 sales (a second menu: 1 new, 2 existing), 2 support; no input → "closed" message; invalid → goodbye. */
const TWO_LEVEL: FlowGraphInput = {
  nodes: [
    { id: "start", kind: "start" },
    { id: "main", kind: "menu", label: "Main menu", prompt: { text: "Press 1 for sales, 2 for support." }, options: [{ key: "1" }, { key: "2" }], retries: 1 },
    { id: "sales", kind: "menu", label: "Sales", prompt: { text: "Press 1 if you are new, 2 if you are a customer." }, options: [{ key: "1" }, { key: "2" }], retries: 0 },
    say("new", "Welcome, new customer."),
    say("existing", "Welcome back."),
    say("support", "Support speaking."),
    say("noInput", "We did not hear from you."),
    { id: "bye", kind: "hangup", prompt: { text: "Goodbye." } },
  ],
  edges: [
    edge("start", "next", "main"),
    edge("main", "1", "sales"),
    edge("main", "2", "support"),
    edge("main", "timeout", "noInput"),
    edge("sales", "1", "new"),
    edge("sales", "2", "existing"),
    edge("new", "next", "bye"),
    edge("existing", "next", "bye"),
    edge("support", "next", "bye"),
    edge("noInput", "next", "bye"),
  ],
};

let a: Awaited<ReturnType<typeof createTestTenant>>;
let b: Awaited<ReturnType<typeof createTestTenant>>;
beforeAll(async () => {
  a = await createTestTenant({ name: "Flows A" });
  b = await createTestTenant({ name: "Flows B" });
});

const said = (v: TrialView) => v.events.flatMap((e) => (e.kind === "say" ? [e.text] : []));
const steps = (v: TrialView) => v.events.flatMap((e) => (e.kind === "step" ? [e.nodeId] : []));

describe("flows: versions, the flow application, numbers", () => {
  it("publishes immutable numbered versions; a draft with errors is refused naming its node", async () => {
    const flow = await createFlow(a.actor, { name: "Main line" });
    expect(flow.draft.nodes.map((n) => n.kind)).toEqual(["start", "say", "hangup"]);
    expect(flow.hasUnpublishedChanges).toBe(true);
    const v1 = await publishFlow(a.actor, { id: flow.id });
    expect(v1.publishedVersion).toMatchObject({ number: 1 });
    expect(v1.hasUnpublishedChanges).toBe(false);

    const broken = await saveFlowDraft(a.actor, { id: flow.id, graph: { ...TWO_LEVEL, edges: TWO_LEVEL.edges.filter((e) => e.id !== "main-2-support") } });
    expect(broken.issues).toContainEqual(expect.objectContaining({ nodeId: "main", code: "dangling_branch" }));
    await expect(publishFlow(a.actor, { id: flow.id })).rejects.toMatchObject({ code: "UNPROCESSABLE", message: expect.stringContaining('"Main menu"') });

    await saveFlowDraft(a.actor, { id: flow.id, graph: TWO_LEVEL });
    const v2 = await publishFlow(a.actor, { id: flow.id });
    expect(v2.publishedVersion).toMatchObject({ number: 2 });
    expect((await findFlowVersions(a.actor, { id: flow.id })).map((v) => v.number)).toEqual([2, 1]);
    await expect(db.flowVersion.update({ where: { id: v1.publishedVersion!.id }, data: { graph: {} } })).rejects.toThrow(/cannot be changed/);
    const audit = await db.auditLog.findMany({ where: { tenantId: a.tenant.id, targetId: flow.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["flow.created", "flow.published", "flow.published"]);
  });

  it("the flow application serves a version to its own tenant only (another tenant's version: 11200)", async () => {
    const flow = await createFlow(a.actor, { name: "Served", graph: TWO_LEVEL });
    const { publishedVersion } = await publishFlow(a.actor, { id: flow.id });
    const url = `irisx:flow/${publishedVersion!.id}/start`;
    const mine = await serveInternalApp({ tenantId: a.tenant.id, callId: "CA1", url, params: { From: "+15555550100" } });
    expect(mine).toMatchObject({ ok: true, document: [{ gather: [{ say: "Press 1 for sales, 2 for support." }] }, { redirect: expect.stringContaining("phase=timeout") }] });
    const chosen = await serveInternalApp({ tenantId: a.tenant.id, callId: "CA1", url: `irisx:flow/${publishedVersion!.id}/main?phase=input`, params: { Digits: "2" } });
    expect(chosen).toMatchObject({ ok: true, document: [{ say: "Support speaking." }, { redirect: `irisx:flow/${publishedVersion!.id}/bye?v.digits=2` }] });
    expect(await serveInternalApp({ tenantId: b.tenant.id, callId: "CA2", url, params: {} })).toMatchObject({ ok: false, code: 11200 });
    expect(await serveInternalApp({ tenantId: a.tenant.id, callId: "CA1", url: "irisx:flow/fv_missing/start", params: {} })).toMatchObject({ ok: false, code: 11200 });
  });

  it("assigns a flow to numbers (audited); the number's calls enter the published version's start node, ahead of its voice URL", async () => {
    const flow = await createFlow(a.actor, { name: "Numbers", graph: TWO_LEVEL });
    const numberId = newSid("PN");
    const e164 = `+1415555${String(Date.now()).slice(-4)}`;
    await db.phoneNumber.create({ data: { id: numberId, tenantId: a.tenant.id, e164, origin: "ASSIGNED", voiceUrl: "https://example.com/voice" } });
    const assigned = await assignFlowToNumbers(a.actor, { flowId: flow.id, phoneNumberIds: [numberId] });
    expect(assigned.numbers).toEqual([{ id: numberId, phoneNumber: e164, friendlyName: "" }]);
    expect(await flowEntryUrl({ tenantId: a.tenant.id, phoneNumberId: numberId })).toBeNull(); // nothing published yet
    const published = await publishFlow(a.actor, { id: flow.id });
    expect(await flowEntryUrl({ tenantId: a.tenant.id, phoneNumberId: numberId })).toBe(`irisx:flow/${published.publishedVersion!.id}/start`);
    expect(await flowEntryUrl({ tenantId: b.tenant.id, phoneNumberId: numberId })).toBeNull();
    await expect(assignFlowToNumbers(b.actor, { flowId: flow.id, phoneNumberIds: [] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const inbound = await createInboundCall({ switchId: "sw1", channelUuid: crypto.randomUUID(), to: e164, from: "+15555550100" });
    expect(inbound.rejected === null && inbound.handler).toEqual({ kind: "flow", flowId: flow.id });
    expect(inbound.call).toMatchObject({ flowId: flow.id });
    const unassigned = await assignFlowToNumbers(a.actor, { flowId: flow.id, phoneNumberIds: [] });
    expect(unassigned.numbers).toEqual([]);
    expect(await db.auditLog.count({ where: { tenantId: a.tenant.id, action: "flow.assigned", targetId: flow.id } })).toBe(2);
  });
});

describe("a two-level menu driven by DTMF through the simulated call", () => {
  let flowId: string;
  beforeAll(async () => {
    flowId = (await createFlow(a.actor, { name: "Two levels", graph: TWO_LEVEL })).id;
  });
  const press = (v: TrialView, digits: string) => advanceFlowTrial(a.actor, { flowId, token: v.token, input: { kind: "digits", digits } });
  const wait = (v: TrialView) => advanceFlowTrial(a.actor, { flowId, token: v.token, input: { kind: "timeout" } });

  it("1 then 2 reaches the existing-customer branch, each step lit in order", async () => {
    const call = await startFlowTrial(a.actor, { flowId });
    expect(said(call)).toEqual(["Press 1 for sales, 2 for support."]);
    expect(call).toMatchObject({ waiting: { timeoutSeconds: 5, speech: false }, ended: false, currentNodeId: "main" });
    const sales = await press(call, "1");
    expect(said(sales)).toEqual(["Press 1 if you are new, 2 if you are a customer."]);
    expect(sales.currentNodeId).toBe("sales");
    const done = await press(sales, "2");
    expect(said(done)).toEqual(["Welcome back.", "Goodbye."]);
    expect(steps(done)).toEqual(["sales", "existing", "bye"]);
    expect(done).toMatchObject({ ended: true, waiting: null });
    expect(done.events.at(-1)).toEqual({ kind: "ended", text: "The flow hung up" });
  });

  it("no input: asked again once, then the no-input branch", async () => {
    const call = await startFlowTrial(a.actor, { flowId });
    const again = await wait(call);
    expect(said(again)).toEqual(["Sorry, I did not get that.", "Press 1 for sales, 2 for support."]);
    const gone = await wait(again);
    expect(said(gone)).toEqual(["Sorry, I did not get that.", "We did not hear from you.", "Goodbye."]);
    expect(gone.ended).toBe(true);
  });

  it("an invalid key: asked again, then goodbye (the invalid branch is not connected)", async () => {
    const call = await startFlowTrial(a.actor, { flowId });
    const again = await press(call, "9");
    expect(said(again)).toEqual(["Sorry, that is not a valid choice.", "Press 1 for sales, 2 for support."]);
    const gone = await press(again, "#");
    expect(said(gone)).toEqual(["Sorry, that is not a valid choice.", "Goodbye."]);
    expect(gone.ended).toBe(true);
  });

  it("the sealed state cannot be altered, nor used by another tenant or flow", async () => {
    const call = await startFlowTrial(a.actor, { flowId });
    const tampered = call.token.slice(0, -4) + (call.token.endsWith("AAAA") ? "BBBB" : "AAAA");
    await expect(advanceFlowTrial(a.actor, { flowId, token: tampered, input: { kind: "digits", digits: "1" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(advanceFlowTrial(b.actor, { flowId, token: call.token, input: { kind: "digits", digits: "1" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const other = await createFlow(a.actor, { name: "Other" });
    await expect(advanceFlowTrial(a.actor, { flowId: other.id, token: call.token, input: { kind: "digits", digits: "1" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("a queue step waits in the queue (simulated) and a voicemail step hands off", async () => {
    const q = await createFlow(a.actor, { name: "Queue", graph: { nodes: [{ id: "start", kind: "start" }, { id: "q", kind: "queue", queue: "support" }, { id: "vm", kind: "voicemail", boxId: "vmb_1" }], edges: [edge("start", "next", "q")] } });
    const run = await startFlowTrial(a.actor, { flowId: q.id });
    expect(run.events).toContainEqual({ kind: "simulated", text: "Joins the queue support: simulated, no queue is touched" });
    expect(run.events).toContainEqual({ kind: "ended", text: "Waiting in a queue" });
    expect(run.events.some((e) => e.kind === "error")).toBe(false);
    expect(run.ended).toBe(true);
    const vm = await createFlow(a.actor, { name: "Voicemail", graph: { nodes: [{ id: "start", kind: "start" }, { id: "vm", kind: "voicemail", boxId: "vmb_1" }], edges: [edge("start", "next", "vm")] } });
    const handed = await startFlowTrial(a.actor, { flowId: vm.id });
    expect(handed.events).toContainEqual({ kind: "simulated", text: "Hands the call to irisx:voicemail/vmb_1: the simulation ends here" });
    expect(handed.ended).toBe(true);
  });
});
