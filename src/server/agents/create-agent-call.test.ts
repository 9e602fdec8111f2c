import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/server/db";
import { createAgentCall, dialledNumber } from "@/server/agents/create-agent-call";
import { settleAgents } from "@/server/acd/settle-agents";
import { newSid } from "@/server/shared/ids";
import { createTestAgent } from "@/test/agent-fixtures";
import { createVoiceTenant } from "@/test/call-fixtures";

const place = (tenantId: string, line: { id: string }, dialled: string, callerId?: string) =>
  createAgentCall({ switchId: "fs-agent-calls", channelUuid: randomUUID(), tenantId, sipUserId: line.id, dialled, callerId, workerId: "w1" });

describe("calls placed from an agent's phone", () => {
  it("dial a number showing the caller ID the phone asked for when it is the account's (else the account's first); the agent is on the call, and free once it ends", async () => {
    const voice = await createVoiceTenant();
    const second = await db.phoneNumber.create({ data: { id: newSid("PN"), tenantId: voice.tenant.id, e164: "+14155550142", origin: "ASSIGNED" } });
    const agent = await createTestAgent(voice.actor, { username: "agent-dialler", state: "AWAY" });

    const chosen = await place(voice.tenant.id, agent.sipUser, "+1 (500) 555-0103", second.e164);
    expect(chosen.rejected).toBeNull();
    const call = await db.call.findUniqueOrThrow({ where: { id: chosen.call!.id } });
    expect(call).toMatchObject({ direction: "INBOUND", status: "RINGING", from: "client:agent-dialler", to: "+15005550103", apiSurface: "native" });
    expect(call.instructions).toEqual([{ dial: [{ number: "+15005550103" }], callerId: second.e164, answerOnBridge: true }]);
    expect(await db.agent.findUniqueOrThrow({ where: { id: agent.agentId } })).toMatchObject({ state: "ON_CALL", currentCallId: call.id, currentQueueId: null });
    expect((await db.agentStateChange.findMany({ where: { agentId: agent.agentId } })).map((c) => c.cause)).toEqual(["dialled"]);

    // The call ends: the agent's own call frees them at the next settling, no grace.
    await db.call.update({ where: { id: call.id }, data: { status: "COMPLETED", endedAt: new Date() } });
    await settleAgents({ tenantIds: [voice.tenant.id] });
    expect(await db.agent.findUniqueOrThrow({ where: { id: agent.agentId } })).toMatchObject({ state: "AVAILABLE", currentCallId: null });

    // A caller ID that is not the account's is not shown: the account's first number is.
    const other = await place(voice.tenant.id, agent.sipUser, "15005550103", "+19995550100");
    const otherCall = await db.call.findUniqueOrThrow({ where: { id: other.call!.id } });
    expect((otherCall.instructions as { callerId: string }[])[0]!.callerId).toBe([voice.number.e164, second.e164].sort()[0]);
  });

  it("dial a colleague's line by its name; refuse what is not a number or line, a disabled line, a suspended or creditless account", async () => {
    const voice = await createVoiceTenant();
    const me = await createTestAgent(voice.actor, { username: "agent-me" });
    await createTestAgent(voice.actor, { username: "agent-you" });
    const colleague = await place(voice.tenant.id, me.sipUser, "agent-you");
    expect(await db.call.findUniqueOrThrow({ where: { id: colleague.call!.id } })).toMatchObject({
      to: "client:agent-you",
      instructions: [{ dial: [{ client: "agent-you" }], callerId: voice.number.e164, answerOnBridge: true }],
    });

    expect(await place(voice.tenant.id, me.sipUser, "help")).toEqual({ rejected: "help is not a number or a line of the account", hangupCause: "UNALLOCATED_NUMBER", tenantId: voice.tenant.id });
    expect(await createAgentCall({ switchId: "fs", channelUuid: randomUUID(), tenantId: undefined, sipUserId: me.sipUser.id, dialled: "+15005550103", callerId: undefined })).toMatchObject({ rejected: "not a line of an account" });
    // Another account's line id under this tenant: not found, as any other id.
    const stranger = await createVoiceTenant();
    expect(await place(stranger.tenant.id, me.sipUser, "+15005550103")).toMatchObject({ rejected: "the line is disabled or gone", tenantId: stranger.tenant.id });
    await db.tenant.update({ where: { id: voice.tenant.id }, data: { creditMicros: 0n } });
    expect(await place(voice.tenant.id, me.sipUser, "+15005550103")).toMatchObject({ rejected: "the account has no credit", hangupCause: "OUTGOING_CALL_BARRED" });
    await db.tenant.update({ where: { id: voice.tenant.id }, data: { status: "SUSPENDED" } });
    expect(await place(voice.tenant.id, me.sipUser, "+15005550103")).toMatchObject({ rejected: "the account is suspended" });
    await db.sipUser.update({ where: { id: me.sipUser.id }, data: { enabled: false } });
    expect(await place(voice.tenant.id, me.sipUser, "+15005550103")).toMatchObject({ rejected: "the line is disabled or gone" });
    expect(await db.call.count({ where: { tenantId: voice.tenant.id } })).toBe(1);
  });

  it("reads numbers as people dial them", () => {
    expect(dialledNumber("+442071838750")).toBe("+442071838750");
    expect(dialledNumber("(415) 555-0100")).toBe("+14155550100");
    expect(dialledNumber("(415) 155-0100")).toBeNull(); // an exchange never starts with 0 or 1
    expect(dialledNumber("4152220100")).toBe("+14152220100");
    expect(dialledNumber("1 415 222 0100")).toBe("+14152220100");
    expect(dialledNumber("911")).toBeNull();
    expect(dialledNumber("agent-you")).toBeNull();
  });
});
