// The ACD on the simulator (the same is proven on the real switch by freeswitch/real-switch/acd.test.ts): callers
// waiting in a queue are offered to its agents by the router, ringing the agent's softphone line as a <Dial><Client>
// leg of the caller; the agent's state follows the offer (ringing, on call, wrap-up), a miss moves the caller on to
// the next agent, and every decision is logged with its reason.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { endWrapUp } from "@/server/agents/end-wrap-up";
import { recordAgentRegistration } from "@/server/agents/record-agent-registration";
import { createTestAgent, createTestQueue } from "@/test/agent-fixtures";
import { CALLBACK_GOODBYE } from "@/server/voice-documents/interpreter/queue-wait";
import { createVoiceTenant } from "@/test/call-fixtures";
import { twiml, useCallControlStage } from "./call-control-stage";
import { placeCall, waitFor, waitForFinalCall } from "./test-harness";

const stage = useCallControlStage({ switchId: "fs-acd-sim" });
const { routes, requestsTo, spokenOn } = stage;

const causes = async (agentId: string) => (await db.agentStateChange.findMany({ where: { agentId }, orderBy: { at: "asc" } })).map((c) => `${c.cause}:${c.toState}`);
const decisions = async (callId: string) => (await db.routingDecision.findMany({ where: { itemId: callId }, orderBy: { at: "asc" } })).map((d) => ({ outcome: d.outcome, agentId: d.agentId, reason: d.reason }));

describe("the ACD on the simulator", () => {
  it("a waiting caller rings the longest-idle agent of its queue with the caller's number; answered, the caller leaves the queue bridged, the agent is on the call and then in wrap-up", async () => {
    routes.set("/acd-enqueue", () => twiml('<Enqueue action="/acd-after">support</Enqueue>'));
    routes.set("/acd-after", () => twiml("<Say>Thank you</Say><Hangup/>"));
    const voice = await createVoiceTenant();
    const queue = await createTestQueue(voice.tenant.id, "support", { wrapUpSeconds: 30 });
    // The simulator's client legs: any user answers after a simulated second and hangs up five later.
    const longest = await createTestAgent(voice.actor, { username: "agent-a", queueIds: [queue.id], idleSince: new Date(Date.now() - 60_000) });
    const recent = await createTestAgent(voice.actor, { username: "agent-b", queueIds: [queue.id], idleSince: new Date() });
    const caller = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/acd-enqueue") });

    expect((await waitForFinalCall(caller.id, 30_000)).status).toBe("COMPLETED");
    const [after] = await waitFor("the caller's action", async () => (requestsTo("/acd-after", caller.id).length ? requestsTo("/acd-after", caller.id) : null));
    expect(after).toMatchObject({ QueueResult: "bridged", QueueSid: queue.id });
    const leg = await db.call.findFirstOrThrow({ where: { parentCallId: caller.id } });
    expect(leg).toMatchObject({ to: "client:agent-a", from: voice.number.e164, direction: "OUTBOUND_DIAL" });
    expect(await db.queueMember.count({ where: { queueId: queue.id } })).toBe(0);

    const agent = await waitFor("the agent in wrap-up", () => db.agent.findFirst({ where: { id: longest.agentId, state: "WRAP_UP" } }));
    expect(agent.currentCallId).toBe(caller.id);
    expect(agent.wrapUpUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(await causes(longest.agentId)).toEqual(["offer:RINGING", "answered:ON_CALL", "ended:WRAP_UP"]);
    expect(await causes(recent.agentId)).toEqual([]);
    const log = await decisions(caller.id);
    expect(log.map((d) => [d.outcome, d.agentId])).toEqual([
      ["offered", longest.agentId],
      ["answered", longest.agentId],
    ]);
    expect(log[0]!.reason).toMatch(/longest-idle/);
    const outcome = await db.queueOutcome.findFirstOrThrow({ where: { itemId: caller.id } });
    expect(outcome).toMatchObject({ queueId: queue.id, agentId: longest.agentId, result: "answered" });
    expect(outcome.answeredAt).not.toBeNull();

    // The agent ends wrap-up with a note: available again, the wrap-up kept with the call.
    const view = await endWrapUp(longest.actor, { notes: "asked about an invoice" });
    expect(view.state).toBe("available");
    expect(await db.callWrapUp.findFirst({ where: { agentId: longest.agentId } })).toMatchObject({ callId: caller.id, queueId: queue.id, notes: "asked about an invoice" });
  });

  it("an agent who does not answer is skipped: the caller rings the next agent, and at the queue's maxNoAnswer the missing agent is set away", async () => {
    routes.set("/miss-enqueue", () => twiml('<Enqueue action="/miss-after">sales</Enqueue>'));
    routes.set("/miss-after", () => twiml("<Hangup/>"));
    const voice = await createVoiceTenant();
    const queue = await createTestQueue(voice.tenant.id, "sales", { ringTimeoutSeconds: 5, maxNoAnswer: 1, wrapUpSeconds: 0 });
    // 15005550300: the simulator's far end that rings and never answers.
    const absent = await createTestAgent(voice.actor, { username: "15005550300", queueIds: [queue.id], idleSince: new Date(Date.now() - 120_000) });
    const present = await createTestAgent(voice.actor, { username: "agent-c", queueIds: [queue.id], idleSince: new Date() });
    const caller = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/miss-enqueue") });

    expect((await waitForFinalCall(caller.id, 30_000)).status).toBe("COMPLETED");
    expect(requestsTo("/miss-after", caller.id)).toEqual([expect.objectContaining({ QueueResult: "bridged" })]);
    expect((await decisions(caller.id)).map((d) => [d.outcome, d.agentId])).toEqual([
      ["offered", absent.agentId],
      ["missed", absent.agentId],
      ["offered", present.agentId],
      ["answered", present.agentId],
    ]);
    expect(await db.agent.findUniqueOrThrow({ where: { id: absent.agentId } })).toMatchObject({ state: "AWAY", missedOffers: 1 });
    expect(await causes(absent.agentId)).toEqual(["offer:RINGING", "missed:AWAY"]);
    // No wrap-up in this queue: straight back to available.
    await waitFor("the answering agent available again", () => db.agent.findFirst({ where: { id: present.agentId, state: "AVAILABLE" } }));
    expect(await causes(present.agentId)).toEqual(["offer:RINGING", "answered:ON_CALL", "ended:AVAILABLE"]);
  });

  it("a caller hanging up while the agent's phone rings frees the agent without counting a miss", async () => {
    routes.set("/gone-enqueue", () => twiml('<Enqueue action="/gone-after">billing</Enqueue>'));
    routes.set("/gone-after", () => twiml(""));
    const voice = await createVoiceTenant();
    const queue = await createTestQueue(voice.tenant.id, "billing", { ringTimeoutSeconds: 120 });
    const ringing = await createTestAgent(voice.actor, { username: "15005550300", queueIds: [queue.id] });
    // +15005550140: answers, hangs up forty simulated seconds later (two real seconds), while the agent's phone rings.
    const caller = await placeCall(voice.actor, { to: "+15005550140", from: voice.number.e164, url: stage.app.url("/gone-enqueue") });
    await waitFor("the agent ringing", () => db.agent.findFirst({ where: { id: ringing.agentId, state: "RINGING" } }));
    expect((await waitForFinalCall(caller.id, 30_000)).status).toBe("COMPLETED");
    await waitFor("the agent available again", () => db.agent.findFirst({ where: { id: ringing.agentId, state: "AVAILABLE" } }));
    expect(await db.agent.findUniqueOrThrow({ where: { id: ringing.agentId } })).toMatchObject({ missedOffers: 0, currentCallId: null });
    expect((await decisions(caller.id)).map((d) => d.outcome)).toEqual(["offered", "released"]);
    const [told] = await waitFor("the action told", async () => (requestsTo("/gone-after", caller.id).length ? requestsTo("/gone-after", caller.id) : null));
    expect(told).toMatchObject({ QueueResult: "hangup" });
  });

  it("an agent whose softphone is not registered is never offered a caller; once the switch says it registered, the waiting caller rings it", async () => {
    routes.set("/reg-enqueue", () => twiml('<Enqueue action="/reg-after">late</Enqueue>'));
    routes.set("/reg-after", () => twiml("<Hangup/>"));
    const voice = await createVoiceTenant();
    const queue = await createTestQueue(voice.tenant.id, "late", { wrapUpSeconds: 0 });
    const agent = await createTestAgent(voice.actor, { username: "agent-late", queueIds: [queue.id], registered: false });
    const caller = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/reg-enqueue") });
    await waitFor("the caller waiting", () => db.queueMember.findUnique({ where: { callId: caller.id } }));
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await db.routingDecision.count({ where: { itemId: caller.id } })).toBe(0);
    await recordAgentRegistration({ username: agent.sipUser.username, domain: agent.sipUser.domain, registered: true });
    expect((await waitForFinalCall(caller.id, 30_000)).status).toBe("COMPLETED");
    expect((await decisions(caller.id)).map((d) => d.outcome)).toEqual(["offered", "answered"]);
  });

  it("a caller who waited the queue's maxWaitSeconds with nobody to take it overflows where the queue says (a number), logged and kept in the queue's history", async () => {
    routes.set("/over-enqueue", () => twiml('<Enqueue action="/over-after">night</Enqueue>'));
    routes.set("/over-after", () => twiml(""));
    const voice = await createVoiceTenant();
    const queue = await createTestQueue(voice.tenant.id, "night", { maxWaitSeconds: 1, overflowAction: "number", overflowTarget: "+15005550105" });
    const caller = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/over-enqueue") });
    expect((await waitForFinalCall(caller.id, 30_000)).status).toBe("COMPLETED");
    const [told] = await waitFor("the action told", async () => (requestsTo("/over-after", caller.id).length ? requestsTo("/over-after", caller.id) : null));
    expect(told).toMatchObject({ QueueResult: "redirected" });
    // The overflow dialled the number with the caller's own number.
    expect(await db.call.findFirstOrThrow({ where: { parentCallId: caller.id } })).toMatchObject({ to: "+15005550105", from: voice.number.e164 });
    const [decision] = await decisions(caller.id);
    expect(decision).toMatchObject({ outcome: "overflowed", agentId: null, reason: expect.stringMatching(/^waited \d+ s \(the queue's most is 1 s\): to number \+15005550105$/) });
    expect(await db.queueOutcome.findFirstOrThrow({ where: { itemId: caller.id } })).toMatchObject({ queueId: queue.id, result: "overflowed" });
    expect(await db.queueMember.count({ where: { queueId: queue.id } })).toBe(0);
  });

  it("a caller on hold music hears their place in line and estimated wait every announceEverySeconds, the music going on between", async () => {
    routes.set("/ann-enqueue", () => twiml('<Enqueue action="/ann-after">announcing</Enqueue>'));
    routes.set("/ann-after", () => twiml(""));
    const voice = await createVoiceTenant();
    await createTestQueue(voice.tenant.id, "announcing", { announceEverySeconds: 1 });
    const caller = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/ann-enqueue") });
    // Nobody has answered in this queue yet: three minutes a call, one caller, no agent logged in (counted as one).
    const text = "You are next in line. Your estimated wait is about 3 minutes. Thank you for holding.";
    await waitFor("two announcements", async () => spokenOn(caller.id).filter((t) => t === text).length >= 2, 15_000);
    expect(stage.executed(caller.id, "playback").filter((f) => f === "local_stream://moh").length).toBeGreaterThanOrEqual(2);
    const { updateCall } = await import("@/server/calls/update-call");
    await updateCall(voice.actor, { callId: caller.id, status: "completed" });
    expect((await waitForFinalCall(caller.id, 10_000)).status).toBe("COMPLETED");
  });

  it("ring-all: every free agent of the queue rings at once (one bridge, their client legs joined by ','); the first to answer takes the caller, the other is available again with no miss counted", async () => {
    routes.set("/ra-enqueue", () => twiml('<Enqueue action="/ra-after">ring-all</Enqueue>'));
    routes.set("/ra-after", () => twiml("<Hangup/>"));
    const voice = await createVoiceTenant();
    const queue = await createTestQueue(voice.tenant.id, "ring-all", { strategy: "ring-all", ringTimeoutSeconds: 20, maxNoAnswer: 1, wrapUpSeconds: 0 });
    // 15005550300 rings and never answers; 15005550106 answers after a simulated second and hangs up six later.
    const silent = await createTestAgent(voice.actor, { username: "15005550300", queueIds: [queue.id], idleSince: new Date(Date.now() - 120_000) });
    const answering = await createTestAgent(voice.actor, { username: "15005550106", queueIds: [queue.id], idleSince: new Date() });
    const caller = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/ra-enqueue") });

    expect((await waitForFinalCall(caller.id, 30_000)).status).toBe("COMPLETED");
    expect(requestsTo("/ra-after", caller.id)).toEqual([expect.objectContaining({ QueueResult: "bridged", QueueSid: queue.id })]);
    // One bridge rang both phones together, each at its registration, with the caller's number.
    const legs = await db.call.findMany({ where: { parentCallId: caller.id }, orderBy: { to: "asc" } });
    expect(legs.map((l) => [l.to, l.from])).toEqual([
      ["client:15005550106", voice.number.e164],
      ["client:15005550300", voice.number.e164],
    ]);
    const bridges = stage.executed(caller.id, "bridge");
    expect(bridges).toHaveLength(1);
    const byUser = (user: string) => legs.find((l) => l.to === `client:${user}`)!;
    const legOf = (user: string) => `[origination_uuid=${byUser(user).channelUuid},irisx_call_id=${byUser(user).id},irisx_tenant_id=${voice.tenant.id},leg_timeout=20,origination_caller_id_number=${voice.number.e164},origination_caller_id_name=${voice.number.e164},media_mix_inbound_outbound_codecs=true,sip_invite_domain=${silent.sipUser.domain}]sofia/internal/sip:${user}@127.0.0.1:5060`;
    expect(bridges[0]).toContain(`${legOf("15005550300")},${legOf("15005550106")}`);

    const log = await decisions(caller.id);
    expect(log.map((d) => [d.outcome, d.agentId])).toEqual([
      ["offered", silent.agentId],
      ["offered", answering.agentId],
      ["released", silent.agentId],
      ["answered", answering.agentId],
    ]);
    expect(log[0]!.reason).toBe("ring-all: 2 agents free");
    expect(log[2]!.reason).toBe("ring-all: another agent answered first");
    // maxNoAnswer 1 would have set a struck agent away: the one who lost the race is available, no miss counted.
    expect(await db.agent.findUniqueOrThrow({ where: { id: silent.agentId } })).toMatchObject({ state: "AVAILABLE", missedOffers: 0, currentCallId: null });
    expect(await causes(silent.agentId)).toEqual(["offer:RINGING", "ended:AVAILABLE"]);
    await waitFor("the answering agent available again", () => db.agent.findFirst({ where: { id: answering.agentId, state: "AVAILABLE" } }));
    expect(await causes(answering.agentId)).toEqual(["offer:RINGING", "answered:ON_CALL", "ended:AVAILABLE"]);
    expect(await db.queueOutcome.findFirstOrThrow({ where: { itemId: caller.id } })).toMatchObject({ agentId: answering.agentId, result: "answered" });
  });

  it("ring-all: nobody answers within the ring timeout, every agent rung is released with a miss each (maxNoAnswer counts), and the caller waits again", async () => {
    routes.set("/rt-enqueue", () => twiml('<Enqueue action="/rt-after">ring-out</Enqueue>'));
    routes.set("/rt-after", () => twiml(""));
    const voice = await createVoiceTenant();
    const queue = await createTestQueue(voice.tenant.id, "ring-out", { strategy: "ring-all", ringTimeoutSeconds: 2, maxNoAnswer: 2, wrapUpSeconds: 0 });
    const first = await createTestAgent(voice.actor, { username: "15005550300", queueIds: [queue.id] });
    const second = await createTestAgent(voice.actor, { username: "15005550301", queueIds: [queue.id] });
    const caller = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/rt-enqueue") });

    await waitFor("both agents ringing", async () => ((await db.agent.count({ where: { id: { in: [first.agentId, second.agentId] }, state: "RINGING" } })) === 2 ? true : null));
    // Rang out: both are misses, and the caller is back on hold music, waiting with both excluded.
    await waitFor("both misses", async () => ((await db.routingDecision.count({ where: { itemId: caller.id, outcome: "missed" } })) === 2 ? true : null), 20_000);
    const member = await waitFor("the caller waiting again", () => db.queueMember.findFirst({ where: { callId: caller.id, offeredAgentId: null } }));
    expect([...member.excludedAgentIds].sort()).toEqual([first.agentId, second.agentId].sort());
    for (const agent of [first, second]) {
      expect(await db.agent.findUniqueOrThrow({ where: { id: agent.agentId } })).toMatchObject({ state: "AVAILABLE", missedOffers: 1, currentCallId: null });
      expect(await causes(agent.agentId)).toEqual(["offer:RINGING", "missed:AVAILABLE"]);
    }
    expect((await decisions(caller.id)).map((d) => d.outcome)).toEqual(["offered", "offered", "missed", "missed"]);
    const legs = await db.call.findMany({ where: { parentCallId: caller.id } });
    expect(legs.map((l) => l.status).sort()).toEqual(["NO_ANSWER", "NO_ANSWER"]);
    await waitFor("hold music again", async () => (stage.executed(caller.id, "playback").includes("local_stream://moh") ? true : null));
    const { updateCall } = await import("@/server/calls/update-call");
    await updateCall(voice.actor, { callId: caller.id, status: "completed" });
    expect((await waitForFinalCall(caller.id, 10_000)).status).toBe("COMPLETED");
  });

  it("callback: a caller who presses 1 (offered in the announcement) hangs up keeping their place; the callback goes to the agent before a later caller, whose softphone rings showing Callback; answered, the switch calls the customer with the number they called and bridges them", async () => {
    routes.set("/cb-enqueue", () => twiml('<Enqueue action="/cb-after">callbacks</Enqueue>'));
    routes.set("/cb-after", () => twiml(""));
    const voice = await createVoiceTenant({ voiceUrl: stage.app.url("/cb-enqueue") });
    const queue = await createTestQueue(voice.tenant.id, "callbacks", { callbackOffer: true, announceEverySeconds: 1, wrapUpSeconds: 0 });
    // Not registered yet: callers wait. 15005550160: the softphone answers after a simulated second, stays a minute.
    const agent = await createTestAgent(voice.actor, { username: "15005550160", queueIds: [queue.id], registered: false });
    // +15005550110 calls in, hears the offer, presses 1 (a simulated 40 s after answering); called back, it answers
    // after a simulated second and hangs up ten later.
    const first = stage.sim.switch.injectInbound({ from: "+15005550110", to: voice.number.e164, digits: "1", digitsAfterSeconds: 40 }).uuid;
    const firstCall = await waitFor("the first caller's call", () => db.call.findFirst({ where: { channelUuid: first } }));
    const member = await waitFor("the first caller waiting", () => db.queueMember.findUnique({ where: { callId: firstCall.id } }));
    await waitFor("the offer announced", async () => (spokenOn(firstCall.id).some((t) => t.includes("Press 1 to be called back, keeping your place in line.")) ? true : null));
    const callback = await waitFor("the callback", () => db.queueCallback.findFirst({ where: { callId: firstCall.id } }));
    expect(callback).toMatchObject({ tenantId: voice.tenant.id, queueId: queue.id, number: "+15005550110", callerId: voice.number.e164, status: "pending", attempts: 0, enqueuedAt: member.enqueuedAt });
    expect((await waitForFinalCall(firstCall.id, 15_000)).status).toBe("COMPLETED");
    expect(spokenOn(firstCall.id)).toContain(CALLBACK_GOODBYE);
    expect(await db.queueMember.count({ where: { callId: firstCall.id } })).toBe(0);
    const [told] = await waitFor("the action told", async () => (requestsTo("/cb-after", firstCall.id).length ? requestsTo("/cb-after", firstCall.id) : null));
    expect(told).toMatchObject({ QueueResult: "hangup", QueueSid: queue.id });

    // A second caller joins after: the callback keeps the first one's place, ahead of it.
    const second = stage.sim.switch.injectInbound({ from: "+14155550199", to: voice.number.e164 }).uuid;
    const secondCall = await waitFor("the second caller's call", () => db.call.findFirst({ where: { channelUuid: second } }));
    await waitFor("the second caller waiting", () => db.queueMember.findUnique({ where: { callId: secondCall.id } }));
    const [announced] = await waitFor("the second caller's place", async () => {
      const said = spokenOn(secondCall.id).filter((t) => t.startsWith("You are"));
      return said.length ? said : null;
    });
    expect(announced).toMatch(/^You are number 2 in line\./);

    await recordAgentRegistration({ username: agent.sipUser.username, domain: agent.sipUser.domain, registered: true });
    await waitFor("the callback completed", () => db.queueCallback.findFirst({ where: { id: callback.id, status: "completed" } }), 20_000);
    const offers = await db.routingDecision.findMany({ where: { tenantId: voice.tenant.id, outcome: "offered" }, orderBy: { at: "asc" } });
    expect(offers[0]).toMatchObject({ itemKind: "callback", itemId: callback.id, agentId: agent.agentId });
    expect((await decisions(callback.id)).map((d) => d.outcome)).toEqual(["offered", "answered", "callback-completed"]);
    const attempts = await db.queueCallbackAttempt.findMany({ where: { callbackId: callback.id } });
    expect(attempts).toEqual([expect.objectContaining({ attempt: 1, agentId: agent.agentId, outcome: "answered", hangupCause: null })]);
    expect(attempts[0]!.endedAt).not.toBeNull();
    // The call to the customer is a call of its own: a child of the one they waited on, from the number they called.
    const leg = await waitFor("the call back's record", () => db.call.findFirst({ where: { id: attempts[0]!.callId!, status: "COMPLETED" } }));
    expect(leg).toMatchObject({ parentCallId: firstCall.id, direction: "OUTBOUND_DIAL", from: voice.number.e164, to: "+15005550110" });

    // The switch rang the agent's softphone showing Callback and the number, then called the customer from the number
    // they called, and bridged the two.
    const ringAgent = stage.apis.find((c) => c.includes(`irisx_callback_id=${callback.id}`) && c.includes("sofia/internal/"))!;
    const agentUuid = /origination_uuid=([0-9a-f-]{36})/.exec(ringAgent)![1]!;
    expect(ringAgent).toBe(`originate {origination_uuid=${agentUuid},origination_caller_id_number=+15005550110,origination_caller_id_name=Callback,sip_invite_domain=${agent.sipUser.domain},originate_timeout=20,irisx_callback_id=${callback.id}}sofia/internal/sip:15005550160@127.0.0.1:5060 &park()`);
    const callCustomer = stage.apis.find((c) => c.includes(`irisx_callback_id=${callback.id}`) && c.includes("sofia/gateway/"))!;
    const customerUuid = /origination_uuid=([0-9a-f-]{36})/.exec(callCustomer)![1]!;
    expect(callCustomer).toBe(`originate {origination_uuid=${customerUuid},irisx_call_id=${leg.id},irisx_tenant_id=${voice.tenant.id},origination_caller_id_number=${voice.number.e164},origination_caller_id_name=${voice.number.e164},originate_timeout=30,ignore_early_media=true,irisx_callback_id=${callback.id}}sofia/gateway/${stage.worker.context.defaultGateway}/+15005550110 &park()`);
    expect(stage.apis).toContain(`uuid_bridge ${agentUuid} ${customerUuid}`);
    expect(stage.apis.indexOf(ringAgent)).toBeLessThan(stage.apis.indexOf(callCustomer));

    // The agent: rang, on the callback, free again; then the second caller is theirs.
    expect((await causes(agent.agentId)).slice(0, 3)).toEqual(["offer:RINGING", "answered:ON_CALL", "ended:AVAILABLE"]);
    await waitFor("the second caller offered", async () => ((await decisions(secondCall.id)).some((d) => d.outcome === "offered" && d.agentId === agent.agentId) ? true : null), 20_000);
    const { updateCall } = await import("@/server/calls/update-call");
    await updateCall(voice.actor, { callId: secondCall.id, status: "completed" }).catch(() => undefined);
  });

  it("callback: the customer does not answer: each attempt is kept with its outcome, the callback is tried again after the queue's retry delay, and fails after its most attempts; the agent is never struck", async () => {
    routes.set("/cbn-enqueue", () => twiml('<Enqueue action="/cbn-after">callbacks-retry</Enqueue>'));
    routes.set("/cbn-after", () => twiml(""));
    const voice = await createVoiceTenant({ voiceUrl: stage.app.url("/cbn-enqueue") });
    const queue = await createTestQueue(voice.tenant.id, "callbacks-retry", { callbackOffer: true, callbackMaxAttempts: 2, callbackRetrySeconds: 1, wrapUpSeconds: 0, maxNoAnswer: 1 });
    // The agent's softphone answers and stays a minute (15005550161), longer than the customer's phone rings.
    const agent = await createTestAgent(voice.actor, { username: "15005550161", queueIds: [queue.id], registered: false });
    // +15005550300 never answers when called back.
    const uuid = stage.sim.switch.injectInbound({ from: "+15005550300", to: voice.number.e164, digits: "1", digitsAfterSeconds: 40 }).uuid;
    const call = await waitFor("the caller's call", () => db.call.findFirst({ where: { channelUuid: uuid } }));
    const callback = await waitFor("the callback", () => db.queueCallback.findFirst({ where: { callId: call.id } }));
    expect((await waitForFinalCall(call.id, 15_000)).status).toBe("COMPLETED");

    await recordAgentRegistration({ username: agent.sipUser.username, domain: agent.sipUser.domain, registered: true });
    await waitFor("the first attempt", () => db.queueCallback.findFirst({ where: { id: callback.id, status: "pending", attempts: 1 } }), 20_000);
    const retry = await db.queueCallback.findUniqueOrThrow({ where: { id: callback.id } });
    expect(retry).toMatchObject({ lastOutcome: "no-answer", offeredAgentId: null });
    expect(retry.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() - 1_000);
    const failed = await waitFor("the callback failed", () => db.queueCallback.findFirst({ where: { id: callback.id, status: "failed" } }), 30_000);
    expect(failed).toMatchObject({ attempts: 2, lastOutcome: "no-answer" });
    expect(failed.completedAt).not.toBeNull();
    const attempts = await db.queueCallbackAttempt.findMany({ where: { callbackId: callback.id }, orderBy: { attempt: "asc" } });
    expect(attempts.map((a) => [a.attempt, a.outcome, a.hangupCause])).toEqual([
      [1, "no-answer", "NO_ANSWER"],
      [2, "no-answer", "NO_ANSWER"],
    ]);
    // Each a call of its own to the number, not answered.
    for (const a of attempts) expect(await waitFor("the attempt's call", () => db.call.findFirst({ where: { id: a.callId!, status: "NO_ANSWER" } }))).toMatchObject({ parentCallId: call.id, to: "+15005550300", from: voice.number.e164 });
    expect((await decisions(callback.id)).map((d) => d.outcome)).toEqual(["offered", "answered", "callback-retry", "offered", "answered", "callback-failed"]);
    // Two calls to the number, from the number it called.
    expect(stage.apis.filter((c) => c.includes(`irisx_callback_id=${callback.id}`) && c.endsWith(`sofia/gateway/${stage.worker.context.defaultGateway}/+15005550300 &park()`))).toHaveLength(2);
    // The customer not answering is no fault of the agent's: available, no miss (maxNoAnswer 1 would have set them away).
    expect(await db.agent.findUniqueOrThrow({ where: { id: agent.agentId } })).toMatchObject({ state: "AVAILABLE", missedOffers: 0 });
    expect(await causes(agent.agentId)).toEqual(["offer:RINGING", "answered:ON_CALL", "ended:AVAILABLE", "offer:RINGING", "answered:ON_CALL", "ended:AVAILABLE"]);
  });

  it("an agent whose softphone unregisters while available goes offline (and is no longer offered calls)", async () => {
    const voice = await createVoiceTenant();
    const agent = await createTestAgent(voice.actor, { username: "agent-leaving" });
    await recordAgentRegistration({ username: agent.sipUser.username, domain: agent.sipUser.domain, registered: false });
    expect(await db.agent.findUniqueOrThrow({ where: { id: agent.agentId } })).toMatchObject({ state: "OFFLINE", registered: false });
    expect(await causes(agent.agentId)).toEqual(["unregistered:OFFLINE"]);
  });
});
