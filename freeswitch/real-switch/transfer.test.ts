// Blind transfers on a real FreeSWITCH (the simulator's twin is worker/worker-transfer.test.ts): a caller in a queue
// is bridged to agent A's desk phone; A transfers the caller to agent B (the switch breaks A's bridge, the caller waits
// for B alone and B's phone rings with the caller's number), then a second caller to a number (the carrier answers).
// Each time A's leg ends with the transfer and A goes to wrap-up.
import { expect, it } from "vitest";
import { transferAgentCall } from "@/server/agents/transfer-agent-call";
import { createTestAgent, createTestQueue } from "@/test/agent-fixtures";
import { startDeskPhone } from "./harness/desk-phone";
import { describeRealSwitch, waitFor, waitForFinal } from "./harness/fixtures";
import { twiml, useDocumentStage } from "./harness/document-stage";

describeRealSwitch("blind transfers on a real FreeSWITCH", () => {
  const stage = useDocumentStage(["CHANNEL_EXECUTE", "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_BRIDGE", "CHANNEL_UNBRIDGE", "CHANNEL_HANGUP_COMPLETE"]);
  const { routes, callIn } = stage;

  it("agent A sends the caller to agent B, then another caller to a number; the switch moves each caller and A's leg ends", async () => {
    const { db } = await import("@/server/db");
    const queue = await createTestQueue(stage.tenant.tenantId, "rs-transfer", { ringTimeoutSeconds: 10, wrapUpSeconds: 30 });
    // 15005550100 answers and stays up until the switch hangs up; 15005550105 answers and hangs up after 5 s
    // (scenarios/carrier.xml).
    const a = await createTestAgent(stage.tenant.actor, { username: "15005550100", queueIds: [queue.id], registered: false, idleSince: new Date(Date.now() - 120_000) });
    const b = await createTestAgent(stage.tenant.actor, { username: "15005550105", name: "Bea", queueIds: [queue.id], registered: false, idleSince: new Date() });
    const phones = [
      await startDeskPhone({ user: a.sipUser.username, domain: stage.tenant.sipDomain, password: a.password, label: "xfer-a" }),
      await startDeskPhone({ user: b.sipUser.username, domain: stage.tenant.sipDomain, password: b.password, label: "xfer-b" }),
    ];
    try {
      for (const agent of [a, b]) await waitFor("the agent registered", () => db.agent.findFirst({ where: { id: agent.agentId, registered: true } }), 10_000);
      routes.set("/xfer", twiml('<Enqueue action="/xfer-after">rs-transfer</Enqueue>'));
      routes.set("/xfer-after", twiml("<Hangup/>"));

      const first = await callIn("/xfer", "+14155550177");
      await waitFor("A on the call", () => db.agent.findFirst({ where: { id: a.agentId, state: "ON_CALL" } }), 20_000);
      expect(await transferAgentCall(a.actor, { target: { kind: "agent", agentId: b.agentId } })).toMatchObject({ target: { kind: "agent", label: "Bea" } });
      expect((await waitForFinal(stage.tenant, first.call.id, 60_000)).status).toBe("completed");
      expect(await first.run.exited).toBe(0);
      const legs = await db.call.findMany({ where: { parentCallId: first.call.id }, orderBy: { createdAt: "asc" } });
      expect(legs.map((l) => [l.to, l.from, l.status])).toEqual([
        ["client:15005550100", "+14155550177", "COMPLETED"],
        ["client:15005550105", "+14155550177", "COMPLETED"],
      ]);
      // The switch bridged the caller to A, then (A's leg hung up by the transfer) to B, each where its phone registered.
      const bridges = stage.tap.executed(first.call.id).filter((x) => x.app === "bridge");
      expect(bridges.map((x) => x.data)).toEqual([expect.stringContaining(`sip:15005550100@127.0.0.1:${phones[0]!.port}`), expect.stringContaining(`sip:15005550105@127.0.0.1:${phones[1]!.port}`)]);
      expect(stage.tap.events.filter((e) => e.name === "CHANNEL_BRIDGE" && e.variable("irisx_call_id") === first.call.id)).toHaveLength(2);
      expect((await db.routingDecision.findMany({ where: { itemId: first.call.id }, orderBy: { at: "asc" } })).map((d) => [d.outcome, d.agentId])).toEqual([
        ["offered", a.agentId],
        ["answered", a.agentId],
        ["offered", b.agentId],
        ["answered", b.agentId],
      ]);
      expect(await db.agent.findUniqueOrThrow({ where: { id: a.agentId } })).toMatchObject({ state: "WRAP_UP", currentCallId: first.call.id });

      // A back from wrap-up takes the next caller and sends them to a number the carrier answers (and hangs up after 4 s).
      await db.agent.update({ where: { id: a.agentId }, data: { state: "AVAILABLE", currentCallId: null, wrapUpUntil: null, idleSince: new Date(Date.now() - 600_000) } });
      const second = await callIn("/xfer", "+14155550178");
      await waitFor("A on the second call", () => db.agent.findFirst({ where: { id: a.agentId, state: "ON_CALL", currentCallId: second.call.id } }), 20_000);
      await transferAgentCall(a.actor, { target: { kind: "number", number: "+15005550104" } });
      expect((await waitForFinal(stage.tenant, second.call.id, 60_000)).status).toBe("completed");
      const dialled = await db.call.findMany({ where: { parentCallId: second.call.id }, orderBy: { createdAt: "asc" } });
      // The number is called showing the number the caller called (the account's).
      expect(dialled.map((l) => [l.to, l.status])).toEqual([
        ["client:15005550100", "COMPLETED"],
        ["+15005550104", "COMPLETED"],
      ]);
      expect(dialled[1]!.from).toBe(stage.tenant.number);
      expect(dialled[1]!.durationSeconds).toBeGreaterThanOrEqual(3);
      await waitFor("A in wrap-up again", () => db.agent.findFirst({ where: { id: a.agentId, state: "WRAP_UP", currentCallId: second.call.id } }));
    } finally {
      for (const phone of phones) await phone.stop();
    }
  });
});
