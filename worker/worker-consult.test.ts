// Attended transfers and three-way calls from the agent desktop on the simulator (the real switch:
// freeswitch/real-switch/consult.test.ts): the caller and the agent move into the call's own room without either leg
// ending (the agent's leg by uuid_transfer), the third party is dialled in, the caller is held while the agent
// consults, and completing, cancelling or merging does what a desk phone's buttons would.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { consultAgentCall, consultRoomName } from "@/server/agents/consult-agent-call";
import { finishConsult } from "@/server/agents/finish-consult";
import { getMyConsult } from "@/server/agents/get-my-consult";
import { reattachAgentCall } from "@/server/agents/reattach-agent-call";
import { transferAgentCall } from "@/server/agents/transfer-agent-call";
import { conferenceRoom } from "@/server/conferences/conference-room";
import { createTestAgent, createTestQueue } from "@/test/agent-fixtures";
import { createVoiceTenant } from "@/test/call-fixtures";
import { twiml, useCallControlStage } from "./call-control-stage";
import { placeCall, waitFor, waitForFinalCall } from "./test-harness";

const stage = useCallControlStage({ switchId: "fs-consult-sim" });
const { routes, apis } = stage;

const onCall = (agentId: string, callId?: string) =>
  waitFor("the agent on the call", () => db.agent.findFirst({ where: { id: agentId, state: "ON_CALL", ...(callId ? { currentCallId: callId } : {}) } }), 15_000);
const participant = (conferenceId: string, callId: string) => db.conferenceParticipant.findFirst({ where: { conferenceId, callId } });
const connected = (conferenceId: string, callId: string, what: string) =>
  waitFor(what, async () => ((await participant(conferenceId, callId))?.status === "CONNECTED" ? true : null), 20_000);

// Simulator far ends by user part (freeswitch/simulator/magic-numbers.ts): 15005550100 answers and stays up,
// 150055501NN answers and hangs up NN simulated seconds later (the stage runs at 1/20 of real time).
describe("consultations on the simulator", () => {
  it("consult another agent with the caller on hold, then complete: the caller stays with them, the first agent goes to wrap-up", async () => {
    routes.set("/consult-enqueue", () => twiml("<Enqueue>consult</Enqueue>"));
    const voice = await createVoiceTenant();
    const queue = await createTestQueue(voice.tenant.id, "consult", { wrapUpSeconds: 30 });
    const first = await createTestAgent(voice.actor, { username: "15005550100", queueIds: [queue.id], idleSince: new Date(Date.now() - 60_000) });
    // Not in the queue: only the consultation rings them. They hang up 199 simulated seconds (10 s) after answering.
    const second = await createTestAgent(voice.actor, { username: "15005550199", name: "Bea", queueIds: [] });
    const caller = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/consult-enqueue") });
    await onCall(first.agentId, caller.id);
    const agentLeg = await db.call.findFirstOrThrow({ where: { parentCallId: caller.id, to: "client:15005550100" } });

    const started = await consultAgentCall(first.actor, { target: { kind: "agent", agentId: second.agentId } });
    expect(started).toMatchObject({ status: "consulting", target: { kind: "agent", id: second.agentId, label: "Bea" } });
    const consult = await db.callConsult.findUniqueOrThrow({ where: { id: started.consultId } });
    expect(consult).toMatchObject({ callId: caller.id, agentCallId: agentLeg.id, customerCallId: caller.id, status: "consulting" });
    const room = conferenceRoom(voice.tenant.id, consultRoomName(caller.id));
    // The agent's leg went into the room by uuid_transfer (not hung up), the caller by its session's conference.
    await connected(consult.conferenceId, caller.id, "the caller in the room");
    expect(apis).toContain(`uuid_transfer ${agentLeg.channelUuid} conference:${room}@default+flags{moderator} inline`);
    await connected(consult.conferenceId, caller.id, "the caller in the room");
    await connected(consult.conferenceId, agentLeg.id, "the agent's leg in the room");
    await connected(consult.conferenceId, consult.targetCallId, "Bea in the room");
    expect((await db.call.findUniqueOrThrow({ where: { id: agentLeg.id } })).status).toBe("IN_PROGRESS");
    // The caller is held; Bea is on the consultation's leg; the first agent is still on the call (no wrap-up yet).
    expect(await participant(consult.conferenceId, caller.id)).toMatchObject({ hold: true });
    const callerMember = (await participant(consult.conferenceId, caller.id))!.memberId;
    expect(apis).toContain(`conference ${room} hold ${callerMember}`);
    await onCall(second.agentId, consult.targetCallId);
    expect(await db.agent.findUniqueOrThrow({ where: { id: first.agentId } })).toMatchObject({ state: "ON_CALL", currentCallId: caller.id });
    expect(await getMyConsult(first.actor)).toMatchObject({ status: "consulting", target: { label: "Bea" }, targetState: "connected", customerHeld: true });
    const bea = await db.call.findUniqueOrThrow({ where: { id: consult.targetCallId } });
    expect(bea).toMatchObject({ parentCallId: caller.id, to: "client:15005550199", direction: "OUTBOUND_DIAL" });

    expect(await finishConsult(first.actor, { action: "complete" })).toEqual({ consultId: consult.id, status: "completed" });
    expect(await db.agent.findUniqueOrThrow({ where: { id: first.agentId } })).toMatchObject({ state: "WRAP_UP", currentCallId: caller.id });
    expect((await waitForFinalCall(agentLeg.id, 15_000)).status).toBe("COMPLETED");
    await waitFor("the caller off hold", async () => ((await participant(consult.conferenceId, caller.id))?.hold === false ? true : null), 20_000);
    expect(apis).toContain(`conference ${room} unhold ${callerMember}`);
    expect(await getMyConsult(first.actor)).toBeNull();
    // Bea hangs up: the caller, alone in the room, is done (the room ends, the document after it has nothing left).
    expect((await waitForFinalCall(caller.id, 30_000)).status).toBe("COMPLETED");
    expect((await db.callConsult.findUniqueOrThrow({ where: { id: consult.id } })).status).toBe("completed");
    expect((await db.conference.findUniqueOrThrow({ where: { id: consult.conferenceId } })).status).toBe("COMPLETED");
  });

  it("a third party by number: three-way, dropped (cancel), consulted again in the same room and merged; refusals name why", async () => {
    routes.set("/consult-enqueue2", () => twiml("<Enqueue>consult2</Enqueue>"));
    const voice = await createVoiceTenant();
    const queue = await createTestQueue(voice.tenant.id, "consult2", { wrapUpSeconds: 0 });
    const agent = await createTestAgent(voice.actor, { username: "15005550100", queueIds: [queue.id] });
    const busy = await createTestAgent(voice.actor, { username: "busy-agent", name: "Busy", queueIds: [] });
    await db.agent.update({ where: { id: busy.agentId }, data: { state: "AWAY" } });
    await expect(consultAgentCall(agent.actor, { target: { kind: "number", number: "+15005550100" } })).rejects.toMatchObject({ code: "CONFLICT" });
    const caller = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/consult-enqueue2") });
    await onCall(agent.agentId, caller.id);
    await expect(consultAgentCall(agent.actor, { target: { kind: "agent", agentId: agent.agentId } })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(consultAgentCall(agent.actor, { target: { kind: "agent", agentId: busy.agentId } })).rejects.toThrow(/Busy is busy \(away\)/);
    await expect(consultAgentCall(agent.actor, { target: { kind: "number", number: "+15005550100", callerId: "+14155550999" } })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(finishConsult(agent.actor, { action: "complete" })).rejects.toThrow(/no consultation/);

    const first = await consultAgentCall(agent.actor, { target: { kind: "number", number: "+15005550100" }, mode: "conference" });
    expect(first.status).toBe("conference");
    const consult = await db.callConsult.findUniqueOrThrow({ where: { id: first.consultId } });
    await connected(consult.conferenceId, consult.targetCallId, "the number in the room");
    await connected(consult.conferenceId, caller.id, "the caller in the room");
    expect(await participant(consult.conferenceId, caller.id)).toMatchObject({ hold: false });
    // The number was called showing the number the caller called, through the carrier gateway.
    expect(apis.find((a) => a.startsWith("originate") && a.includes(consult.targetCallId))).toContain(`origination_caller_id_number=${voice.number.e164}`);
    await expect(consultAgentCall(agent.actor, { target: { kind: "number", number: "+15005550100" } })).rejects.toThrow(/going on already/);
    await expect(transferAgentCall(agent.actor, { target: { kind: "queue", queueId: queue.id } })).rejects.toThrow(/complete or cancel it first/);

    expect(await finishConsult(agent.actor, { action: "cancel" })).toMatchObject({ status: "cancelled" });
    expect((await waitForFinalCall(consult.targetCallId, 15_000)).status).toBe("COMPLETED");
    expect(await db.agent.findUniqueOrThrow({ where: { id: agent.agentId } })).toMatchObject({ state: "ON_CALL", currentCallId: caller.id });

    // Again, in the same room: the caller (a member already) is held at once, then merged into a three-way.
    const again = await consultAgentCall(agent.actor, { target: { kind: "number", number: "+15005550100" } });
    const second = await db.callConsult.findUniqueOrThrow({ where: { id: again.consultId } });
    expect(second.conferenceId).toBe(consult.conferenceId);
    await connected(second.conferenceId, second.targetCallId, "the second number in the room");
    await waitFor("the caller held", async () => ((await participant(consult.conferenceId, caller.id))?.hold ? true : null), 20_000);
    await expect(finishConsult(agent.actor, { action: "conference" })).resolves.toMatchObject({ status: "conference" });
    await waitFor("the caller off hold", async () => ((await participant(consult.conferenceId, caller.id))?.hold === false ? true : null), 20_000);

    // A blind transfer from the room: the caller goes to the queue (and leaves the room), the agent's part ends.
    await finishConsult(agent.actor, { action: "cancel" });
    await transferAgentCall(agent.actor, { target: { kind: "number", number: "+15005550100" } });
    expect(await db.agent.findUniqueOrThrow({ where: { id: agent.agentId } })).toMatchObject({ state: "AVAILABLE" });
    await waitFor("the room ended", async () => ((await db.conference.findUniqueOrThrow({ where: { id: consult.conferenceId } })).status === "COMPLETED" ? true : null), 15_000);
    await stage.worker.context.esl.api(`uuid_kill ${(await db.call.findUniqueOrThrow({ where: { id: caller.id } })).channelUuid}`);
    expect((await waitForFinalCall(caller.id, 15_000)).status).toBe("COMPLETED");
  });

  it("the agent who took a call over from a consultation consults onward in the same room, then completes", async () => {
    routes.set("/consult-enqueue3", () => twiml("<Enqueue>consult3</Enqueue>"));
    const voice = await createVoiceTenant();
    const queue = await createTestQueue(voice.tenant.id, "consult3", { wrapUpSeconds: 0 });
    // Both phones answer and stay up (simulator magic numbers 800–809), however slow a loaded machine makes the steps.
    const first = await createTestAgent(voice.actor, { username: "15005550801", queueIds: [queue.id] });
    const second = await createTestAgent(voice.actor, { username: "15005550802", name: "Bea", queueIds: [] });
    const caller = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/consult-enqueue3") });
    await onCall(first.agentId, caller.id);
    const one = await consultAgentCall(first.actor, { target: { kind: "agent", agentId: second.agentId } });
    const k1 = await db.callConsult.findUniqueOrThrow({ where: { id: one.consultId } });
    await connected(k1.conferenceId, k1.targetCallId, "Bea in the room");
    await connected(k1.conferenceId, caller.id, "the caller in the room");
    await finishConsult(first.actor, { action: "complete" });
    await onCall(second.agentId, k1.targetCallId);
    await expect(getMyConsult(second.actor)).resolves.toBeNull();
    // The switch has taken the caller off hold (its unhold-member event is in) before Bea goes on.
    const room = conferenceRoom(voice.tenant.id, consultRoomName(caller.id));
    await waitFor("the switch told to take the caller off hold", async () => (apis.some((a) => a.startsWith(`conference ${room} unhold `)) ? true : null), 20_000);
    await waitFor("the caller's unhold applied", async () => (await db.conferenceParticipant.findFirst({ where: { conferenceId: k1.conferenceId, callId: caller.id, hold: false } })) ?? null, 20_000);

    // Bea consults a number about the same caller: same room, the caller held again, Bea's leg is the agent's.
    const two = await consultAgentCall(second.actor, { target: { kind: "number", number: "+15005550100" } });
    const k2 = await db.callConsult.findUniqueOrThrow({ where: { id: two.consultId } });
    expect(k2).toMatchObject({ callId: caller.id, conferenceId: k1.conferenceId, agentCallId: k1.targetCallId, customerCallId: caller.id, byAgentId: second.agentId });
    await connected(k2.conferenceId, k2.targetCallId, "the number in the room");
    // Held in the row, and on the switch by the room's worker (`conference <room> hold <member>`).
    await waitFor("the caller held", async () => ((await participant(k2.conferenceId, caller.id))?.hold ? true : null), 20_000);
    const member = (await participant(k2.conferenceId, caller.id))!.memberId;
    await waitFor("the switch told to hold the caller again", async () => (apis.filter((a) => a === `conference ${room} hold ${member}`).length === 2 ? true : null), 20_000);
    expect(await getMyConsult(second.actor)).toMatchObject({ status: "consulting", targetState: "connected" });
    await finishConsult(second.actor, { action: "complete" });
    expect((await waitForFinalCall(k1.targetCallId, 15_000)).status).toBe("COMPLETED");
    await waitFor("Bea free", () => db.agent.findFirst({ where: { id: second.agentId, state: "AVAILABLE" } }), 15_000);
    await waitFor("the caller off hold", async () => ((await participant(k2.conferenceId, caller.id))?.hold === false ? true : null), 20_000);
    expect((await db.call.findUniqueOrThrow({ where: { id: caller.id } })).status).toBe("IN_PROGRESS");
    await stage.worker.context.esl.api(`uuid_kill ${(await db.call.findUniqueOrThrow({ where: { id: caller.id } })).channelUuid}`);
    expect((await waitForFinalCall(caller.id, 15_000)).status).toBe("COMPLETED");
    expect((await waitForFinalCall(k2.targetCallId, 15_000)).status).toBe("COMPLETED");
  }, 60_000);

  it("a reloaded desktop gets its call back: the dead leg hung up, the line dialled into the call's room, the agent on the call throughout", async () => {
    routes.set("/consult-enqueue4", () => twiml("<Enqueue>consult4</Enqueue>"));
    const voice = await createVoiceTenant();
    const queue = await createTestQueue(voice.tenant.id, "consult4", { wrapUpSeconds: 30 });
    const agent = await createTestAgent(voice.actor, { username: "15005550100", queueIds: [queue.id] });
    const caller = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/consult-enqueue4") });
    await onCall(agent.agentId, caller.id);
    const oldLeg = await db.call.findFirstOrThrow({ where: { parentCallId: caller.id, to: "client:15005550100" } });

    const back = await reattachAgentCall(agent.actor);
    expect(back.callId).toBe(caller.id);
    expect((await waitForFinalCall(oldLeg.id, 15_000)).status).toBe("COMPLETED");
    const k = await db.callConsult.findFirstOrThrow({ where: { callId: caller.id, targetKind: "reattach" } });
    await connected(k.conferenceId, caller.id, "the caller in the room");
    await connected(k.conferenceId, back.legId, "the new leg in the room");
    expect(apis.find((a) => a.startsWith("originate") && a.includes(back.legId))).toContain(`sip_h_X-IRISX-Reattach=${caller.id}`);
    // The agent never left the call (no wrap-up), and the caller is not held.
    expect(await db.agent.findUniqueOrThrow({ where: { id: agent.agentId } })).toMatchObject({ state: "ON_CALL", currentCallId: caller.id });
    expect(await participant(k.conferenceId, caller.id)).toMatchObject({ hold: false });
    expect(await db.agentStateChange.count({ where: { agentId: agent.agentId, toState: "WRAP_UP" } })).toBe(0);

    // The agent hangs up: their part ends (wrap-up), and the caller, alone in the room, is done.
    await stage.worker.context.esl.api(`uuid_kill ${(await db.call.findUniqueOrThrow({ where: { id: back.legId } })).channelUuid}`);
    await waitFor("the agent in wrap-up", () => db.agent.findFirst({ where: { id: agent.agentId, state: "WRAP_UP", currentCallId: caller.id } }), 15_000);
    expect((await waitForFinalCall(caller.id, 15_000)).status).toBe("COMPLETED");
    await expect(reattachAgentCall(agent.actor)).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
