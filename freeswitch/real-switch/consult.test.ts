// Attended transfers and three-way calls on a real FreeSWITCH (the simulator's twin is worker/worker-consult.test.ts):
// agent A's desk phone takes a queued caller; A consults agent B: the switch moves A's leg into the call's room with
// uuid_transfer (A's phone stays on the call) and the caller joins it, held, while B's phone is dialled in; A completes
// and leaves, the caller (off hold) stays with B, and when B hangs up the room ends the call. Then a number added as a
// third party (three-way), dropped, and consulted again in the same room.
import { expect, it } from "vitest";
import { consultAgentCall } from "@/server/agents/consult-agent-call";
import { finishConsult } from "@/server/agents/finish-consult";
import { createTestAgent, createTestQueue } from "@/test/agent-fixtures";
import { startDeskPhone } from "./harness/desk-phone";
import { describeRealSwitch, waitFor, waitForFinal } from "./harness/fixtures";
import { twiml, useDocumentStage } from "./harness/document-stage";

describeRealSwitch("attended transfers and three-way calls on a real FreeSWITCH", () => {
  const stage = useDocumentStage(["CHANNEL_EXECUTE", "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_BRIDGE", "CHANNEL_UNBRIDGE", "CHANNEL_HANGUP_COMPLETE"]);
  const { routes, callIn } = stage;

  it("A consults B with the caller held, completes; the caller talks to B, and B hanging up ends the call; a number added, dropped, consulted again", async () => {
    const { db } = await import("@/server/db");
    const queue = await createTestQueue(stage.tenant.tenantId, "rs-consult", { ringTimeoutSeconds: 10, wrapUpSeconds: 30 });
    // Desk phones (scenarios/carrier.xml by user name): 15005550100 stays up until the switch hangs up; 15005550120
    // answers and hangs up 20 s later.
    const a = await createTestAgent(stage.tenant.actor, { username: "15005550100", queueIds: [queue.id], registered: false, idleSince: new Date(Date.now() - 120_000) });
    const b = await createTestAgent(stage.tenant.actor, { username: "15005550120", name: "Bea", queueIds: [], registered: false });
    const phones = [
      await startDeskPhone({ user: a.sipUser.username, domain: stage.tenant.sipDomain, password: a.password, label: "consult-a" }),
      await startDeskPhone({ user: b.sipUser.username, domain: stage.tenant.sipDomain, password: b.password, label: "consult-b" }),
    ];
    const participant = (conferenceId: string, callId: string) => db.conferenceParticipant.findFirst({ where: { conferenceId, callId } });
    const connected = (conferenceId: string, callId: string, what: string) => waitFor(what, async () => ((await participant(conferenceId, callId))?.status === "CONNECTED" ? true : null), 30_000);
    try {
      for (const agent of [a, b]) await waitFor("the agent registered", () => db.agent.findFirst({ where: { id: agent.agentId, registered: true } }), 10_000);
      await db.agent.update({ where: { id: b.agentId }, data: { state: "AVAILABLE" } });
      routes.set("/consult", twiml("<Enqueue>rs-consult</Enqueue>"));

      const first = await callIn("/consult", "+14155550181");
      await waitFor("A on the call", () => db.agent.findFirst({ where: { id: a.agentId, state: "ON_CALL", currentCallId: first.call.id } }), 20_000);
      const aLeg = await db.call.findFirstOrThrow({ where: { parentCallId: first.call.id, to: "client:15005550100" } });
      const started = await consultAgentCall(a.actor, { target: { kind: "agent", agentId: b.agentId } });
      const consult = await db.callConsult.findUniqueOrThrow({ where: { id: started.consultId } });
      await connected(consult.conferenceId, first.call.id, "the caller in the room");
      await connected(consult.conferenceId, aLeg.id, "A's leg in the room");
      await connected(consult.conferenceId, consult.targetCallId, "B in the room");
      // A's leg was moved, not hung up: the same channel now runs the conference application.
      expect((await db.call.findUniqueOrThrow({ where: { id: aLeg.id } })).status).toBe("IN_PROGRESS");
      expect(stage.tap.events.some((e) => e.name === "CHANNEL_EXECUTE" && e.uniqueId === aLeg.channelUuid && e.get("Application") === "conference")).toBe(true);
      // The switch holds the caller (mod_conference's member flags say so) and B is on the consultation's leg.
      const room = (await db.conference.findUniqueOrThrow({ where: { id: consult.conferenceId } })).room;
      const held = async () => (await stage.tap.api(`conference ${room} list`)).split("\n").find((l) => l.includes(first.call.channelUuid!)) ?? "";
      await waitFor("the caller held on the switch", async () => (/hold/.test(await held()) ? true : null), 10_000);
      await waitFor("B on the call", () => db.agent.findFirst({ where: { id: b.agentId, state: "ON_CALL", currentCallId: consult.targetCallId } }), 10_000);

      await finishConsult(a.actor, { action: "complete" });
      expect((await waitForFinal(stage.tenant, aLeg.id, 20_000)).status).toBe("completed");
      await waitFor("the caller off hold on the switch", async () => (/hold/.test(await held()) ? null : true), 10_000);
      expect(await db.agent.findUniqueOrThrow({ where: { id: a.agentId } })).toMatchObject({ state: "WRAP_UP", currentCallId: first.call.id });
      // B hangs up (20 s after answering): the caller, alone in the room, is hung up by the switch.
      expect((await waitForFinal(stage.tenant, first.call.id, 60_000)).status).toBe("completed");
      expect(await first.run.exited).toBe(0);
      expect((await db.callConsult.findUniqueOrThrow({ where: { id: consult.id } })).status).toBe("completed");
      expect((await db.call.findUniqueOrThrow({ where: { id: consult.targetCallId } })).status).toBe("COMPLETED");

      // A number as a third party: three-way at once, dropped, consulted again (the caller held), merged.
      await db.agent.update({ where: { id: a.agentId }, data: { state: "AVAILABLE", currentCallId: null, wrapUpUntil: null, idleSince: new Date(Date.now() - 600_000) } });
      const second = await callIn("/consult", "+14155550182");
      await waitFor("A on the second call", () => db.agent.findFirst({ where: { id: a.agentId, state: "ON_CALL", currentCallId: second.call.id } }), 20_000);
      const three = await consultAgentCall(a.actor, { target: { kind: "number", number: "+15005550100" }, mode: "conference" });
      const k = await db.callConsult.findUniqueOrThrow({ where: { id: three.consultId } });
      await connected(k.conferenceId, k.targetCallId, "the number in the room");
      await connected(k.conferenceId, second.call.id, "the caller in the room");
      const leg = await db.call.findUniqueOrThrow({ where: { id: k.targetCallId } });
      expect([leg.to, leg.from]).toEqual(["+15005550100", stage.tenant.number]);
      await finishConsult(a.actor, { action: "cancel" });
      expect((await waitForFinal(stage.tenant, k.targetCallId, 20_000)).status).toBe("completed");
      const again = await consultAgentCall(a.actor, { target: { kind: "number", number: "+15005550100" } });
      const k2 = await db.callConsult.findUniqueOrThrow({ where: { id: again.consultId } });
      expect(k2.conferenceId).toBe(k.conferenceId);
      await connected(k2.conferenceId, k2.targetCallId, "the number in the room again");
      await waitFor("the caller held", async () => ((await participant(k2.conferenceId, second.call.id))?.hold ? true : null), 10_000);
      await finishConsult(a.actor, { action: "conference" });
      await waitFor("the caller off hold", async () => ((await participant(k2.conferenceId, second.call.id))?.hold === false ? true : null), 10_000);
      // The caller hangs up (SIPp, 40 s in): the room ends and takes everyone with it.
      expect((await waitForFinal(stage.tenant, second.call.id, 60_000)).status).toBe("completed");
      await waitFor("the number's leg ended", async () => ((await db.call.findUniqueOrThrow({ where: { id: k2.targetCallId } })).endedAt ? true : null), 20_000);
      await waitFor("A's leg ended", async () => ((await db.call.findFirstOrThrow({ where: { parentCallId: second.call.id, to: "client:15005550100" } })).endedAt ? true : null), 20_000);
    } finally {
      for (const phone of phones) await phone.stop();
    }
  });
});
