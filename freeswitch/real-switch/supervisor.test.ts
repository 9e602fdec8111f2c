// A supervisor on an agent's call on a real FreeSWITCH, three parties (the simulator's twin is
// worker/worker-supervisor.test.ts): a customer (SIPp) waits in a queue and is answered by an agent's desk phone;
// the supervisor's own desk phone is rung with the caller's number and, answered, runs eavesdrop on the caller's
// channel (a media bug on it). Whisper and barge are the eavesdrop loop's digits (uuid_recv_dtmf 1 and 3), which
// the switch delivers to the supervisor's channel; stop hangs the supervisor up and the bug goes, the call goes on.
import { expect, it } from "vitest";
import { createSipUser } from "@/server/sip/create-sip-user";
import { changeMonitorMode, stopMonitor } from "@/server/supervision/change-monitor-mode";
import { monitorAgentCall } from "@/server/supervision/monitor-agent-call";
import { createTestAgent, createTestQueue } from "@/test/agent-fixtures";
import { startDeskPhone } from "./harness/desk-phone";
import { describeRealSwitch, waitFor, waitForFinal } from "./harness/fixtures";
import { twiml, useDocumentStage } from "./harness/document-stage";

describeRealSwitch("supervisors on a real FreeSWITCH", () => {
  const stage = useDocumentStage(["CHANNEL_EXECUTE", "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE", "MEDIA_BUG_START", "MEDIA_BUG_STOP", "DTMF"]);
  const { routes, callIn } = stage;

  it("listen, whisper, barge and stop on a live call between a customer and an agent", async () => {
    const { db } = await import("@/server/db");
    const queue = await createTestQueue(stage.tenant.tenantId, "rs-floor", { wrapUpSeconds: 0 });
    // 15005550130 answers and stays 30 s; 15005550100 answers and stays until hung up (scenarios/carrier.xml).
    const agent = await createTestAgent(stage.tenant.actor, { username: "15005550130", queueIds: [queue.id], registered: false });
    const line = await createSipUser(stage.tenant.actor, { username: "15005550100", userId: stage.tenant.actor.userId });
    const phones = [
      await startDeskPhone({ user: agent.sipUser.username, domain: stage.tenant.sipDomain, password: agent.password, label: "sup-agent" }),
      await startDeskPhone({ user: line.sipUser.username, domain: stage.tenant.sipDomain, password: line.password, label: "sup-supervisor" }),
    ];
    try {
      await waitFor("the agent registered", () => db.agent.findFirst({ where: { id: agent.agentId, registered: true } }), 10_000);
      routes.set("/sup", twiml('<Enqueue action="/sup-after">rs-floor</Enqueue>'));
      routes.set("/sup-after", twiml("<Hangup/>"));
      const { run, call } = await callIn("/sup", "+14155550167");
      await waitFor("the agent on the call", () => db.agent.findFirst({ where: { id: agent.agentId, state: "ON_CALL" } }), 30_000);
      const callerUuid = (await db.call.findUniqueOrThrow({ where: { id: call.id } })).channelUuid!;

      const monitor = await monitorAgentCall(stage.tenant.actor, { agentId: agent.agentId, mode: "listen" });
      const active = await waitFor("the supervisor listening", () => db.supervisorMonitor.findFirst({ where: { id: monitor.id, status: "active" } }), 20_000);
      const supUuid = active.channelUuid!;
      const execute = await waitFor("the eavesdrop", async () => stage.tap.events.find((e) => e.name === "CHANNEL_EXECUTE" && e.uniqueId === supUuid && e.get("Application") === "eavesdrop"));
      expect(execute.get("Application-Data")).toBe(callerUuid);
      expect(execute.variable("eavesdrop_whisper_aleg")).toBe("false");
      expect(execute.variable("eavesdrop_enable_dtmf")).toBe("true");
      // The switch's media bug on the caller's channel is the eavesdrop.
      await waitFor("the media bug", async () => stage.tap.events.some((e) => e.name === "MEDIA_BUG_START" && e.uniqueId === callerUuid && e.get("Media-Bug-Function") === "eavesdrop"));

      for (const [mode, digit] of [["whisper", "1"], ["barge", "3"]] as const) {
        await changeMonitorMode(stage.tenant.actor, { monitorId: monitor.id, mode });
        await waitFor(`the ${mode} digit on the supervisor's channel`, async () => stage.tap.events.some((e) => e.name === "DTMF" && e.uniqueId === supUuid && e.get("DTMF-Digit") === digit), 10_000);
      }
      // The eavesdrop is still running after both changes (the digits changed its mix, they did not end it).
      expect(stage.tap.events.some((e) => e.name === "CHANNEL_EXECUTE_COMPLETE" && e.uniqueId === supUuid && e.get("Application") === "eavesdrop")).toBe(false);

      await stopMonitor(stage.tenant.actor, { monitorId: monitor.id });
      await waitFor("the monitor ended", () => db.supervisorMonitor.findFirst({ where: { id: monitor.id, status: "ended" } }), 10_000);
      await waitFor("the media bug gone", async () => stage.tap.events.some((e) => e.name === "MEDIA_BUG_STOP" && e.uniqueId === callerUuid));
      // The customer and the agent are still talking.
      expect(await db.call.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({ endedAt: null });
      expect(await db.agent.findUniqueOrThrow({ where: { id: agent.agentId } })).toMatchObject({ state: "ON_CALL" });
      const { updateCall } = await import("@/server/calls/update-call");
      await updateCall(stage.tenant.actor, { callId: call.id, status: "completed" });
      expect((await waitForFinal(stage.tenant, call.id, 30_000)).status).toBe("completed");
      await run.exited;
    } finally {
      for (const phone of phones) await phone.stop();
    }
  });
});
