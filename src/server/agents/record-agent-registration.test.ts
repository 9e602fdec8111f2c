// Registrations move agents (record-agent-registration.ts) against real PostgreSQL: an available agent whose phone
// unregisters goes offline; the phone back soon after puts them back to available; an agent who was away, who set
// themselves offline, or whose phone came back too late stays where they are.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { recordAgentRegistration, REREGISTER_RESTORES_WITHIN_MS } from "@/server/agents/record-agent-registration";
import { changeMyAgentState } from "@/server/agents/change-my-agent-state";
import { createTestAgent } from "@/test/agent-fixtures";
import { createVoiceTenant } from "@/test/call-fixtures";

const stateOf = async (agentId: string) => (await db.agent.findUniqueOrThrow({ where: { id: agentId } })).state;

describe("registrations and agent states", () => {
  it("a blip (unregistered, then registered again soon) leaves an available agent available", async () => {
    const voice = await createVoiceTenant();
    const agent = await createTestAgent(voice.actor, { username: "reg-blip" });
    const line = { username: "reg-blip", domain: agent.sipUser.domain };
    await recordAgentRegistration({ ...line, registered: false });
    expect(await stateOf(agent.agentId)).toBe("OFFLINE");
    await recordAgentRegistration({ ...line, registered: true, switchId: "fs-1" });
    expect(await stateOf(agent.agentId)).toBe("AVAILABLE");
    const history = await db.agentStateChange.findMany({ where: { agentId: agent.agentId }, orderBy: { at: "asc" }, select: { fromState: true, toState: true, cause: true } });
    expect(history.slice(-2)).toEqual([
      { fromState: "AVAILABLE", toState: "OFFLINE", cause: "unregistered" },
      { fromState: "OFFLINE", toState: "AVAILABLE", cause: "registered" },
    ]);
  });

  it("stays put when the agent was away, chose offline since, or the phone came back too late", async () => {
    const voice = await createVoiceTenant();
    const away = await createTestAgent(voice.actor, { username: "reg-away", state: "AWAY" });
    await recordAgentRegistration({ username: "reg-away", domain: away.sipUser.domain, registered: false });
    await recordAgentRegistration({ username: "reg-away", domain: away.sipUser.domain, registered: true });
    expect(await stateOf(away.agentId)).toBe("AWAY");

    const chose = await createTestAgent(voice.actor, { username: "reg-chose" });
    await recordAgentRegistration({ username: "reg-chose", domain: chose.sipUser.domain, registered: false });
    await changeMyAgentState(chose.actor, { state: "available" }).catch(() => undefined);
    await changeMyAgentState(chose.actor, { state: "offline" });
    await recordAgentRegistration({ username: "reg-chose", domain: chose.sipUser.domain, registered: true });
    expect(await stateOf(chose.agentId)).toBe("OFFLINE");

    const late = await createTestAgent(voice.actor, { username: "reg-late" });
    await recordAgentRegistration({ username: "reg-late", domain: late.sipUser.domain, registered: false });
    await db.agentStateChange.updateMany({ where: { agentId: late.agentId, cause: "unregistered" }, data: { at: new Date(Date.now() - REREGISTER_RESTORES_WITHIN_MS - 1_000) } });
    await recordAgentRegistration({ username: "reg-late", domain: late.sipUser.domain, registered: true });
    expect(await stateOf(late.agentId)).toBe("OFFLINE");
  });
});
