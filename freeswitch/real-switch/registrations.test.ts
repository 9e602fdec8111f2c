// Agents' registrations reconciled with the real switch (the simulator's twin is worker/worker-registrations.test.ts):
// events the worker missed are made good when its event-socket link comes back, by asking FreeSWITCH about each
// agent's lines (sofia_contact): a desk phone the switch has is registered, an agent believed registered without one is
// not (and, available, goes offline).
import { expect, it } from "vitest";
import { createTestAgent } from "@/test/agent-fixtures";
import { startDeskPhone } from "./harness/desk-phone";
import { control, describeRealSwitch, waitFor } from "./harness/fixtures";
import { useDocumentStage } from "./harness/document-stage";

describeRealSwitch("agents' registrations reconciled with a real FreeSWITCH", () => {
  const stage = useDocumentStage(["CHANNEL_HANGUP_COMPLETE"]);

  it("the link comes back: a phone registered while events were missed is found, a registration that went is undone", async () => {
    const { db } = await import("@/server/db");
    const present = await createTestAgent(stage.tenant.actor, { username: "rs-reg-present", registered: false, state: "OFFLINE" });
    const gone = await createTestAgent(stage.tenant.actor, { username: "rs-reg-gone", registered: true, state: "AVAILABLE" });
    const phone = await startDeskPhone({ user: present.sipUser.username, domain: stage.tenant.sipDomain, password: present.password, label: "rs-reg-present" });
    try {
      const heard = await waitFor("the register event", () => db.agent.findFirst({ where: { id: present.agentId, registered: true } }), 10_000);
      const switchId = heard.registeredSwitchId;
      expect(switchId).toBeTruthy();
      // As if the worker had missed the register (it was down): the database says unregistered.
      await db.agent.update({ where: { id: present.agentId }, data: { registered: false, registeredSwitchId: null } });
      await control("esl/cut");
      await waitFor("the phone found registered", () => db.agent.findFirst({ where: { id: present.agentId, registered: true, registeredSwitchId: switchId } }), 30_000);
      await waitFor("the stale registration undone", () => db.agent.findFirst({ where: { id: gone.agentId, registered: false, state: "OFFLINE" } }), 30_000);
      expect((await db.agentStateChange.findMany({ where: { agentId: gone.agentId } })).map((c) => `${c.cause}:${c.toState}`)).toEqual(["unregistered:OFFLINE"]);
    } finally {
      await phone.stop();
    }
  });
});
