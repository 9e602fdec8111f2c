// The ACD on a real FreeSWITCH (the simulator's twin is worker/worker-acd.test.ts): an agent's desk phone registers
// through the app's directory and the worker records it from the switch's sofia::register; a customer calling in
// waits in a queue (<Enqueue>) and is offered to the agent, whose phone rings with the caller's number as a client leg
// of the caller; answered, the two are bridged, the caller leaves the queue bridged, and the agent goes on call and
// then to wrap-up. A second agent who lets it ring out is skipped; an agent whose phone unregisters is no longer
// registered (and goes offline when available). A ring-all queue rings two desk phones with one bridge, the first to
// answer takes the caller and the other is free with no miss; a caller who presses 1 is called back once an agent frees:
// the agent's phone rings showing Callback, then the switch calls the customer and bridges the two.
import { expect, it } from "vitest";
import { createTestAgent, createTestQueue } from "@/test/agent-fixtures";
import { startDeskPhone } from "./harness/desk-phone";
import { callInbound, createVoiceTenant, describeRealSwitch, sippPorts, stackInfo, waitFor, waitForFinal } from "./harness/fixtures";
import { twiml, useDocumentStage } from "./harness/document-stage";
import { placeInboundCall, registerPhone } from "./harness/sipp";

describeRealSwitch("the ACD on a real FreeSWITCH", () => {
  const stage = useDocumentStage(["CHANNEL_EXECUTE", "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_BRIDGE", "CHANNEL_HANGUP_COMPLETE"]);
  const { routes, callIn } = stage;

  it("a caller waiting in a queue rings the registered agent who answered last longest ago; the switch bridges them; an agent who lets it ring out is skipped", async () => {
    const { db } = await import("@/server/db");
    const queue = await createTestQueue(stage.tenant.tenantId, "rs-support", { ringTimeoutSeconds: 6, wrapUpSeconds: 30, maxNoAnswer: 3 });
    // 15005550300 rings until cancelled; 15005550106 answers and hangs up after 6 s (scenarios/carrier.xml).
    const absent = await createTestAgent(stage.tenant.actor, { username: "15005550300", queueIds: [queue.id], registered: false, idleSince: new Date(Date.now() - 120_000) });
    const present = await createTestAgent(stage.tenant.actor, { username: "15005550106", queueIds: [queue.id], registered: false, idleSince: new Date(Date.now() - 60_000) });
    const phones = [
      await startDeskPhone({ user: absent.sipUser.username, domain: stage.tenant.sipDomain, password: absent.password, label: "agent-absent" }),
      await startDeskPhone({ user: present.sipUser.username, domain: stage.tenant.sipDomain, password: present.password, label: "agent-present" }),
    ];
    try {
      // The worker hears the switch's sofia::register for each line.
      for (const agent of [absent, present]) await waitFor("the agent registered", () => db.agent.findFirst({ where: { id: agent.agentId, registered: true } }), 10_000);
      routes.set("/acd", twiml('<Enqueue action="/acd-after">rs-support</Enqueue>'));
      routes.set("/acd-after", twiml("<Say>Thank you for calling</Say><Hangup/>"));
      const caller = "+14155550166";
      const { run, call } = await callIn("/acd", caller);
      expect((await waitForFinal(stage.tenant, call.id, 60_000)).status).toBe("completed");
      expect(await run.exited).toBe(0);
      expect(stage.posted("/acd-after", call.id)).toMatchObject({ QueueResult: "bridged", QueueSid: queue.id });

      const legs = await db.call.findMany({ where: { parentCallId: call.id }, orderBy: { createdAt: "asc" } });
      expect(legs.map((l) => [l.to, l.status])).toEqual([
        ["client:15005550300", "NO_ANSWER"],
        ["client:15005550106", "COMPLETED"],
      ]);
      // The switch rang each phone where it registered, with the caller's number.
      const bridges = stage.tap.executed(call.id).filter((a) => a.app === "bridge");
      expect(bridges.map((b) => b.data)).toEqual([expect.stringContaining(`sofia/internal/sip:15005550300@127.0.0.1:${phones[0]!.port}`), expect.stringContaining(`sofia/internal/sip:15005550106@127.0.0.1:${phones[1]!.port}`)]);
      expect(stage.tap.events.some((e) => e.name === "CHANNEL_BRIDGE" && e.variable("irisx_call_id") === call.id)).toBe(true);

      const decisions = await db.routingDecision.findMany({ where: { itemId: call.id }, orderBy: { at: "asc" } });
      expect(decisions.map((d) => [d.outcome, d.agentId])).toEqual([
        ["offered", absent.agentId],
        ["missed", absent.agentId],
        ["offered", present.agentId],
        ["answered", present.agentId],
      ]);
      expect(await db.agent.findUniqueOrThrow({ where: { id: absent.agentId } })).toMatchObject({ state: "AVAILABLE", missedOffers: 1 });
      const agent = await waitFor("the agent in wrap-up", () => db.agent.findFirst({ where: { id: present.agentId, state: "WRAP_UP" } }));
      expect(agent.currentCallId).toBe(call.id);
      const outcome = await db.queueOutcome.findFirstOrThrow({ where: { itemId: call.id } });
      expect(outcome.handleSeconds).toBeGreaterThanOrEqual(5);
    } finally {
      for (const phone of phones) await phone.stop();
    }

    // The absent agent's phone unregisters (REGISTER Expires: 0 from the port it registered from, so its contact): the
    // worker hears sofia::unregister, finds no registration left (sofia_contact), and the available agent goes offline.
    const info = stackInfo();
    const gone = registerPhone({ target: `127.0.0.1:${info.internalSipPort}`, user: absent.sipUser.username, domain: stage.tenant.sipDomain, password: absent.password, expect: 200, expires: 0, port: phones[0]!.port, workDir: `${info.workDir}/sipp` });
    expect(await gone.exited).toBe(0);
    await waitFor("the agent offline", () => db.agent.findFirst({ where: { id: absent.agentId, state: "OFFLINE", registered: false } }), 10_000);
  });

  it("ring-all: one bridge rings both desk phones (their contacts joined by ','); the one that answers is bridged to the caller, the other phone is cancelled and its agent is available with no miss", async () => {
    const { db } = await import("@/server/db");
    // A tenant of its own: the desk phone that rings until cancelled (15005550300) is a user of the first test's.
    const tenant = await createVoiceTenant();
    const queue = await createTestQueue(tenant.tenantId, "rs-ring-all", { strategy: "ring-all", ringTimeoutSeconds: 15, wrapUpSeconds: 0, maxNoAnswer: 1 });
    // 15005550300 rings until cancelled; 15005550107 answers and hangs up after 7 s (scenarios/carrier.xml).
    const ringing = await createTestAgent(tenant.actor, { username: "15005550300", queueIds: [queue.id], registered: false });
    const answering = await createTestAgent(tenant.actor, { username: "15005550107", queueIds: [queue.id], registered: false });
    const phones = [
      await startDeskPhone({ user: ringing.sipUser.username, domain: tenant.sipDomain, password: ringing.password, label: "ra-ringing" }),
      await startDeskPhone({ user: answering.sipUser.username, domain: tenant.sipDomain, password: answering.password, label: "ra-answering" }),
    ];
    try {
      for (const agent of [ringing, answering]) await waitFor("the agent registered", () => db.agent.findFirst({ where: { id: agent.agentId, registered: true } }), 10_000);
      routes.set("/ra", twiml('<Enqueue action="/ra-after">rs-ring-all</Enqueue>'));
      routes.set("/ra-after", twiml("<Hangup/>"));
      const { run, call } = await callInbound(tenant, stage.app.url("/ra"), "+14155550177");
      expect((await waitForFinal(tenant, call.id, 60_000)).status).toBe("completed");
      expect(await run.exited).toBe(0);
      expect(stage.posted("/ra-after", call.id)).toMatchObject({ QueueResult: "bridged", QueueSid: queue.id });

      // One bridge, both phones at once, each where it registered.
      const bridges = stage.tap.executed(call.id).filter((a) => a.app === "bridge");
      expect(bridges).toHaveLength(1);
      const legs = bridges[0]!.data.split(/,(?=\[)/);
      expect(legs).toEqual([expect.stringContaining(`sofia/internal/sip:15005550300@127.0.0.1:${phones[0]!.port}`), expect.stringContaining(`sofia/internal/sip:15005550107@127.0.0.1:${phones[1]!.port}`)]);
      const rows = await db.call.findMany({ where: { parentCallId: call.id }, orderBy: { to: "asc" } });
      expect(rows.map((l) => l.to)).toEqual(["client:15005550107", "client:15005550300"]);
      expect(rows[0]!.status).toBe("COMPLETED");
      expect(rows[1]!.status).not.toBe("COMPLETED");

      const decisions = await db.routingDecision.findMany({ where: { itemId: call.id }, orderBy: { at: "asc" } });
      expect(decisions.map((d) => [d.outcome, d.agentId])).toEqual([
        ["offered", ringing.agentId],
        ["offered", answering.agentId],
        ["released", ringing.agentId],
        ["answered", answering.agentId],
      ]);
      expect(await db.agent.findUniqueOrThrow({ where: { id: ringing.agentId } })).toMatchObject({ state: "AVAILABLE", missedOffers: 0 });
      await waitFor("the answering agent free again", () => db.agent.findFirst({ where: { id: answering.agentId, state: "AVAILABLE" } }));
    } finally {
      for (const phone of phones) await phone.stop();
    }
  });

  it("callback: a caller presses 1 and hangs up; once the agent's desk phone registers it rings showing Callback and the number, and answered, the switch calls the customer from the number they called and bridges the two", async () => {
    const { db } = await import("@/server/db");
    const queue = await createTestQueue(stage.tenant.tenantId, "rs-callbacks", { callbackOffer: true, wrapUpSeconds: 0, ringTimeoutSeconds: 15 });
    // 15005550130 answers and hangs up after 30 s: longer than the customer's call.
    const agent = await createTestAgent(stage.tenant.actor, { username: "15005550130", queueIds: [queue.id], registered: false });
    routes.set("/cb", twiml('<Enqueue action="/cb-after">rs-callbacks</Enqueue>'));
    routes.set("/cb-after", twiml(""));
    await db.phoneNumber.updateMany({ where: { tenantId: stage.tenant.tenantId }, data: { voiceUrl: stage.app.url("/cb") } });
    // The customer: +15005550108 presses 1 four seconds into the wait; called back (through the carrier), it
    // answers and hangs up after 8 s.
    const customer = "+15005550108";
    const info = stackInfo();
    const caller = placeInboundCall({ target: `127.0.0.1:${info.externalSipPort}`, did: stage.tenant.number, caller: customer, dtmf: "1", dtmfAfterMs: 4_000, hangupAfterMs: 40_000, ...(await sippPorts()), workDir: `${info.workDir}/sipp` });
    const call = await waitFor("the call", () => db.call.findFirst({ where: { tenantId: stage.tenant.tenantId, direction: "INBOUND", from: customer } }));
    const callback = await waitFor("the callback", () => db.queueCallback.findFirst({ where: { callId: call.id } }), 20_000);
    expect(callback).toMatchObject({ queueId: queue.id, number: customer, callerId: stage.tenant.number, status: "pending" });
    // The switch said goodbye and hung up (the caller's scenario ends on the switch's BYE).
    expect(await caller.exited).toBe(0);
    expect((await waitForFinal(stage.tenant, call.id, 20_000)).status).toBe("completed");
    expect(stage.tap.executed(call.id).some((a) => a.app === "speak" && a.data.includes("We will call you back"))).toBe(true);

    const phone = await startDeskPhone({ user: agent.sipUser.username, domain: stage.tenant.sipDomain, password: agent.password, label: "cb-agent" });
    try {
      const done = await waitFor("the callback completed", () => db.queueCallback.findFirst({ where: { id: callback.id, status: "completed" } }), 60_000);
      expect(done.attempts).toBe(1);
      const [attempt] = await db.queueCallbackAttempt.findMany({ where: { callbackId: callback.id } });
      expect(attempt).toMatchObject({ attempt: 1, agentId: agent.agentId, outcome: "answered" });
      // The customer talked with the agent for about the 8 s it stays, on a call of its own (billed as any): a child
      // of the call they waited on.
      expect(attempt!.endedAt!.getTime() - attempt!.startedAt.getTime()).toBeGreaterThanOrEqual(7_000);
      const leg = await waitFor("the call back's record", () => db.call.findFirst({ where: { id: attempt!.callId!, status: "COMPLETED" } }));
      expect(leg).toMatchObject({ parentCallId: call.id, direction: "OUTBOUND_DIAL", from: stage.tenant.number, to: customer });
      expect(leg.billsec).toBeGreaterThanOrEqual(7);
      // The agent's phone showed Callback and the customer's number (the From the switch sent it); the customer saw the
      // number they called; the switch bridged the two.
      const legs = stage.tap.events.filter((e) => e.name === "CHANNEL_HANGUP_COMPLETE" && e.variable("irisx_callback_id") === callback.id);
      expect(legs).toHaveLength(2);
      const agentLeg = legs.find((e) => (e.get("Caller-Destination-Number") ?? "").includes("15005550130"));
      expect(agentLeg?.variable("sip_from_display")).toBe("Callback");
      expect(agentLeg?.variable("sip_from_user")).toBe(customer);
      const customerLeg = legs.find((e) => e !== agentLeg);
      expect(customerLeg?.get("Caller-Destination-Number")).toBe(customer);
      expect(customerLeg?.variable("sip_from_user")).toBe(stage.tenant.number);
      expect(stage.tap.events.some((e) => e.name === "CHANNEL_BRIDGE" && e.uniqueId === agentLeg?.uniqueId)).toBe(true);
      await waitFor("the agent free again", () => db.agent.findFirst({ where: { id: agent.agentId, state: "AVAILABLE", missedOffers: 0 } }));
      expect((await db.routingDecision.findMany({ where: { itemId: callback.id }, orderBy: { at: "asc" } })).map((d) => d.outcome)).toEqual(["offered", "answered", "callback-completed"]);
    } finally {
      await phone.stop();
    }
  });
});
