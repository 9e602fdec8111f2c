// The ACD on a real FreeSWITCH (the simulator's twin is worker/worker-acd.test.ts): an agent's desk phone registers
// through the app's directory and the worker records it from the switch's sofia::register; a customer calling in
// waits in a queue (<Enqueue>) and is offered to the agent, whose phone rings with the caller's number as a client leg
// of the caller; answered, the two are bridged, the caller leaves the queue bridged, and the agent goes on call and
// then to wrap-up. A second agent who lets it ring out is skipped; an agent whose phone unregisters is no longer
// registered (and goes offline when available).
import { expect, it } from "vitest";
import { createTestAgent, createTestQueue } from "@/test/agent-fixtures";
import { startDeskPhone } from "./harness/desk-phone";
import { describeRealSwitch, stackInfo, waitFor, waitForFinal } from "./harness/fixtures";
import { twiml, useDocumentStage } from "./harness/document-stage";
import { registerPhone } from "./harness/sipp";

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
});
