// Agents' registrations reconciled with the switch (the simulator's twin of freeswitch/real-switch/registrations.test.ts):
// events the worker missed (it was down, the link dropped) are made good when its link comes up, by asking the
// switch about each agent's lines (sofia_contact). On the simulator every user is registered except those named
// offline….
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createTestAgent } from "@/test/agent-fixtures";
import { createVoiceTenant } from "@/test/call-fixtures";
import { testFleet, useTempRecordingDirs, waitFor } from "./test-harness";

const { sim, worker } = testFleet();

describe("agents' registrations reconciled with the switch", () => {
  it("at link-up: a line the switch has is registered, one it has not is not (and its available agent goes offline); an agent registered on another switch is left to it", async () => {
    await useTempRecordingDirs();
    const voice = await createVoiceTenant();
    // Believed unregistered, but the switch has the line (a register event missed).
    const missed = await createTestAgent(voice.actor, { username: "agent-missed", registered: false, state: "OFFLINE" });
    // Believed registered and available, but the switch has no such registration (an unregister missed).
    const stale = await createTestAgent(voice.actor, { username: "offline-stale", registered: true, state: "AVAILABLE" });
    // Believed registered on another switch: that switch's worker checks it, not this one.
    const elsewhere = await createTestAgent(voice.actor, { username: "offline-elsewhere", registered: true, state: "AVAILABLE" });
    await db.agent.update({ where: { id: elsewhere.agentId }, data: { registeredSwitchId: "fs-other" } });

    const s = await sim();
    await worker(s, { switchId: "fs-registrations", registrationReconcileMs: 3_600_000 });
    await waitFor("the missed registration made good", () => db.agent.findFirst({ where: { id: missed.agentId, registered: true, registeredSwitchId: "fs-registrations" } }), 10_000);
    await waitFor("the stale one undone", () => db.agent.findFirst({ where: { id: stale.agentId, registered: false, state: "OFFLINE" } }), 10_000);
    expect(await db.agent.findUniqueOrThrow({ where: { id: elsewhere.agentId } })).toMatchObject({ registered: true, registeredSwitchId: "fs-other", state: "AVAILABLE" });
    // Registered again, the agent's state is theirs to set (presence moves on the agent's word or a call, not a line).
    expect(await db.agent.findUniqueOrThrow({ where: { id: missed.agentId } })).toMatchObject({ state: "OFFLINE" });
    expect((await db.agentStateChange.findMany({ where: { agentId: stale.agentId } })).map((c) => `${c.cause}:${c.toState}`)).toEqual(["unregistered:OFFLINE"]);
  });
});
