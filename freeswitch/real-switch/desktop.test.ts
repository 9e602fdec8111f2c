// The agent desktop's softphone on the real FreeSWITCH, in Chromium with its fake microphone: the agent opens
// /desktop (a session cookie as after signing in), the page registers the agent's line over WebSocket through the
// app's directory ("Line ready"; the worker records the registration), a customer calling in (SIPp) waits in a queue
// and is offered to the agent by the ACD: the incoming call rings as a modal with the caller's number; the agent
// answers, mutes, holds (a re-INVITE the switch sees as a hold), presses a key on the keypad (a DTMF the switch
// receives on the agent's leg) and hangs up; the caller's action hears bridged and the agent goes to wrap-up.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { createTestAgent, createTestQueue } from "@/test/agent-fixtures";
import { describeRealSwitch, stackInfo, waitFor, waitForFinal } from "./harness/fixtures";
import { twiml, useDocumentStage } from "./harness/document-stage";
import { launchChromium, signedInContext } from "./harness/desktop-browser";

const SHOTS = path.resolve(import.meta.dirname, "../../test-results/real-switch");

describeRealSwitch("the agent desktop's softphone on a real FreeSWITCH", () => {
  const stage = useDocumentStage(["CHANNEL_ANSWER", "CHANNEL_HOLD", "CHANNEL_UNHOLD", "DTMF", "CHANNEL_HANGUP_COMPLETE"]);

  it("registers, rings with the caller's number when the ACD offers a caller, answers, mutes, holds, sends a digit and hangs up", async () => {
    const { db } = await import("@/server/db");
    const info = stackInfo();
    mkdirSync(SHOTS, { recursive: true });
    const queue = await createTestQueue(stage.tenant.tenantId, "rs-desktop", { wrapUpSeconds: 60, ringTimeoutSeconds: 30 });
    const agent = await createTestAgent(stage.tenant.actor, { username: "desk-agent", name: "Dana Desk", queueIds: [queue.id], registered: false });
    const browser = await launchChromium();
    try {
      const context = await signedInContext(browser, agent.userId);
      const page = await context.newPage();
      await page.goto(`${info.appUrl}/desktop`);
      await expect.poll(() => page.getByTestId("softphone-registration").textContent(), { timeout: 20_000 }).toBe("Line ready");
      await waitFor("the agent's line registered", () => db.agent.findFirst({ where: { id: agent.agentId, registered: true } }), 10_000);
      await page.screenshot({ path: path.join(SHOTS, "desktop-registered.png") });

      stage.routes.set("/desk", twiml('<Enqueue action="/desk-after">rs-desktop</Enqueue>'));
      stage.routes.set("/desk-after", twiml("<Hangup/>"));
      const caller = "+14155550197";
      const { call } = await stage.callIn("/desk", caller);
      const incoming = page.getByTestId("softphone-incoming");
      await incoming.waitFor({ state: "visible", timeout: 20_000 });
      expect(await incoming.textContent()).toContain(caller);
      await page.screenshot({ path: path.join(SHOTS, "desktop-incoming.png") });
      await page.getByRole("button", { name: /Answer/ }).click();
      await expect.poll(() => page.getByTestId("softphone-call").textContent(), { timeout: 15_000 }).toContain("Connected");
      await waitFor("the agent on the call", () => db.agent.findFirst({ where: { id: agent.agentId, state: "ON_CALL" } }), 10_000);
      const leg = await db.call.findFirstOrThrow({ where: { parentCallId: call.id } });

      await page.getByRole("button", { name: "Mute" }).click();
      await expect.poll(() => page.getByRole("button", { name: "Unmute" }).count()).toBe(1);
      await page.getByRole("button", { name: "Hold" }).click();
      await waitFor("the switch's hold on the agent's leg", async () => stage.tap.events.some((e) => e.name === "CHANNEL_HOLD" && e.uniqueId === leg.channelUuid), 10_000);
      // Resume is enabled once the switch answered the hold (one re-INVITE at a time).
      await page.getByRole("button", { name: "Resume" }).click();
      await waitFor("the switch's unhold", async () => stage.tap.events.some((e) => e.name === "CHANNEL_UNHOLD" && e.uniqueId === leg.channelUuid), 10_000);
      // Unmuted, the agent talks for two seconds (the fake microphone's tone).
      await page.getByRole("button", { name: "Unmute" }).click();
      await new Promise((r) => setTimeout(r, 2_000));
      await page.getByRole("button", { name: "Key 5" }).click();
      await waitFor("the digit at the switch", async () => stage.tap.events.some((e) => e.name === "DTMF" && e.uniqueId === leg.channelUuid && e.get("DTMF-Digit") === "5"), 10_000);
      await page.screenshot({ path: path.join(SHOTS, "desktop-in-call.png") });

      await page.getByRole("button", { name: /Hang up/ }).click();
      expect((await waitForFinal(stage.tenant, call.id, 30_000)).status).toBe("completed");
      expect(stage.posted("/desk-after", call.id)).toMatchObject({ QueueResult: "bridged" });
      await waitFor("the agent in wrap-up", () => db.agent.findFirst({ where: { id: agent.agentId, state: "WRAP_UP" } }), 10_000);
      // The browser's microphone reached the switch on the agent's leg (media packets, not only comfort or DTMF).
      const hangup = await waitFor("the agent's leg's end", async () => stage.tap.events.find((e) => e.name === "CHANNEL_HANGUP_COMPLETE" && e.uniqueId === leg.channelUuid));
      expect(Number(hangup.variable("rtp_audio_in_media_packet_count"))).toBeGreaterThan(20);
    } finally {
      await browser.close();
    }
  });
});
