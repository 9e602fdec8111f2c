// A supervisor on an agent's call, on the simulator (the same with three parties on the real switch:
// freeswitch/real-switch/supervisor.test.ts): the supervisor's softphone rings with the caller's number and, answered,
// eavesdrops on the caller's channel; whisper mixes the supervisor into what the caller's channel sends to the agent
// (eavesdrop_whisper_aleg), barge into both directions; a mode change is the eavesdrop loop's digit (uuid_recv_dtmf);
// stop kills the supervisor's channel and the media bug goes. Every step is audited.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { changeMonitorMode, stopMonitor } from "@/server/supervision/change-monitor-mode";
import { monitorAgentCall } from "@/server/supervision/monitor-agent-call";
import { createSipUser } from "@/server/sip/create-sip-user";
import { sipDomainFor } from "@/server/sip/sip-user-view";
import { createTestAgent, createTestQueue } from "@/test/agent-fixtures";
import { createVoiceTenant } from "@/test/call-fixtures";
import { twiml, useCallControlStage } from "./call-control-stage";
import { placeCall, waitFor } from "./test-harness";

const stage = useCallControlStage({ switchId: "fs-supervisor-sim" });
const { routes, seen } = stage;
const sim = { get switch() { return stage.sim.switch; } };

describe("supervisors on the simulator", () => {
  it("listen, then barge, then stop: the exact eavesdrop the switch runs, the digit for each mode, audited", async () => {
    routes.set("/sup-enqueue", () => twiml('<Enqueue action="/sup-after">floor</Enqueue>'));
    routes.set("/sup-after", () => twiml("<Hangup/>"));
    const voice = await createVoiceTenant();
    const queue = await createTestQueue(voice.tenant.id, "floor", { wrapUpSeconds: 0 });
    // 15005550100: the simulator's far end that answers and stays (agent and supervisor alike).
    const agent = await createTestAgent(voice.actor, { username: "15005550100", queueIds: [queue.id] });
    const caller = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/sup-enqueue") });
    await waitFor("the agent on the call", () => db.agent.findFirst({ where: { id: agent.agentId, state: "ON_CALL" } }));
    const callerUuid = (await db.call.findUniqueOrThrow({ where: { id: caller.id } })).channelUuid!;

    // Without a line of their own the supervisor is refused, naming why.
    await expect(monitorAgentCall(voice.actor, { agentId: agent.agentId, mode: "listen" })).rejects.toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringContaining("softphone line") });
    // The supervisor's line: 15005550199 answers after a simulated second and stays 99 (five real seconds).
    await createSipUser(voice.actor, { username: "15005550199", userId: voice.actor.userId });
    const monitor = await monitorAgentCall(voice.actor, { agentId: agent.agentId, mode: "listen" });
    expect(monitor).toMatchObject({ status: "requested", mode: "listen", callId: caller.id });
    const active = await waitFor("the supervisor listening", () => db.supervisorMonitor.findFirst({ where: { id: monitor.id, status: "active" } }));
    // The exact originate: the supervisor's registered contact, the caller's number, eavesdrop on the caller's channel.
    const originate = stage.apis.find((c) => c.startsWith("originate ") && c.includes(`irisx_monitor_id=${monitor.id}`))!;
    expect(originate).toBe(
      `originate {origination_uuid=${active.channelUuid},origination_caller_id_number=${voice.number.e164},origination_caller_id_name=Monitor,sip_invite_domain=${sipDomainFor(voice.tenant.slug)},originate_timeout=30,eavesdrop_enable_dtmf=true,eavesdrop_whisper_aleg=false,eavesdrop_whisper_bleg=false,irisx_monitor_id=${monitor.id}}sofia/internal/sip:15005550199@127.0.0.1:5060 &eavesdrop(${callerUuid})`,
    );
    const mix = () => sim.switch.simOf(sim.switch.channels.get(active.channelUuid!)!)?.eavesdrop;
    await waitFor("the eavesdrop on the caller", async () => mix()?.target === callerUuid);
    expect(mix()).toMatchObject({ read: false, write: false });

    await changeMonitorMode(voice.actor, { monitorId: monitor.id, mode: "barge" });
    await waitFor("the barge digit", async () => stage.apis.includes(`uuid_recv_dtmf ${active.channelUuid} 3`));
    await waitFor("the digit at the eavesdrop", async () => seen.some((e) => e.name === "DTMF" && e.uniqueId === active.channelUuid && e.get("DTMF-Digit") === "3"));
    // Barge: the supervisor is mixed into both directions of the caller's channel.
    await waitFor("the three-way mix", async () => mix()?.read === true && mix()?.write === true);

    await stopMonitor(voice.actor, { monitorId: monitor.id });
    await waitFor("the monitor ended", () => db.supervisorMonitor.findFirst({ where: { id: monitor.id, status: "ended" } }));
    expect(stage.apis).toContain(`uuid_kill ${active.channelUuid} NORMAL_CLEARING`);
    const done = await waitFor("the eavesdrop done", async () => seen.find((e) => e.name === "CHANNEL_EXECUTE_COMPLETE" && e.uniqueId === active.channelUuid && e.get("Application") === "eavesdrop"));
    expect(done.get("Application-Data")).toBe(callerUuid);
    const audit = await db.auditLog.findMany({ where: { tenantId: voice.tenant.id, targetId: agent.agentId }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["agent.call.monitored", "agent.call.monitor_mode", "agent.call.monitor_ended"]);
    await expect(changeMonitorMode(voice.actor, { monitorId: monitor.id, mode: "listen" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("whisper from the start: the supervisor's voice goes only towards the agent (eavesdrop_whisper_aleg on the caller's channel)", async () => {
    routes.set("/wh-enqueue", () => twiml('<Enqueue action="/wh-after">coach</Enqueue>'));
    routes.set("/wh-after", () => twiml("<Hangup/>"));
    const voice = await createVoiceTenant();
    const queue = await createTestQueue(voice.tenant.id, "coach", { wrapUpSeconds: 0 });
    const agent = await createTestAgent(voice.actor, { username: "15005550100", queueIds: [queue.id] });
    await createSipUser(voice.actor, { username: "15005550199", userId: voice.actor.userId });
    const caller = await placeCall(voice.actor, { to: "+15005550100", from: voice.number.e164, url: stage.app.url("/wh-enqueue") });
    await waitFor("the agent on the call", () => db.agent.findFirst({ where: { id: agent.agentId, state: "ON_CALL" } }));
    const monitor = await monitorAgentCall(voice.actor, { agentId: agent.agentId, mode: "whisper" });
    const active = await waitFor("the supervisor whispering", () => db.supervisorMonitor.findFirst({ where: { id: monitor.id, status: { in: ["active", "ended"] } } }));
    // The originate answers at the supervisor's answer; its eavesdrop starts right after.
    const callerUuid = (await db.call.findUniqueOrThrow({ where: { id: caller.id } })).channelUuid!;
    const mix = () => sim.switch.simOf(sim.switch.channels.get(active.channelUuid!)!)?.eavesdrop;
    await waitFor("the whisper mix", async () => mix()?.target === callerUuid);
    // Only what the caller's channel sends to its bridge (the agent) carries the supervisor.
    expect(mix()).toMatchObject({ read: true, write: false });
    // The caller hangs up: the eavesdrop ends with the call and so does the monitor.
    const { updateCall } = await import("@/server/calls/update-call");
    await updateCall(voice.actor, { callId: caller.id, status: "completed" });
    await waitFor("the monitor ended with the call", () => db.supervisorMonitor.findFirst({ where: { id: monitor.id, status: "ended" } }));
  });
});
