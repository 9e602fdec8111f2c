// The agent desktop's softphone on the real FreeSWITCH, in Chromium with its fake microphone: the agent opens
// /desktop (a session cookie as after signing in), the page registers the agent's line over WebSocket through the
// app's directory ("Line ready"; the worker records the registration), a customer calling in (SIPp) waits in a queue
// and is offered to the agent by the ACD: the incoming call rings as a modal with the caller's number, their contact,
// the queue and the time waited; the agent answers, mutes, holds (a re-INVITE the switch sees as a hold), presses a
// key on the keypad (a DTMF the switch receives on the agent's leg) and hangs up; the caller's action hears bridged,
// the agent wraps up with a disposition and notes, and the call history shows the call with them.
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
      const { newId } = await import("@/server/shared/ids");
      const contactId = newId("ct");
      await db.contact.create({ data: { id: contactId, tenantId: stage.tenant.tenantId, displayName: "Ada Caller", company: "Engines Ltd", tags: ["vip"] } });
      await db.contactIdentity.create({ data: { id: newId("cti"), tenantId: stage.tenant.tenantId, contactId, kind: "PHONE", value: caller } });
      await db.disposition.create({ data: { id: newId("dsp"), tenantId: stage.tenant.tenantId, code: "RESOLVED", name: "Resolved" } });
      const { call } = await stage.callIn("/desk", caller);
      const incoming = page.getByTestId("softphone-incoming");
      await incoming.waitFor({ state: "visible", timeout: 20_000 });
      expect(await incoming.textContent()).toContain(caller);
      // The server's word on what rings: the contact the number matches, the queue, the time waited counting on.
      await expect.poll(() => page.getByTestId("softphone-incoming-name").textContent(), { timeout: 10_000 }).toBe("Ada Caller");
      expect(await incoming.textContent()).toContain("Engines Ltd");
      expect(await page.getByTestId("softphone-incoming-queue").textContent()).toBe("rs-desktop");
      const waited = async () => Number(((await page.getByTestId("softphone-incoming-waited").textContent()) ?? "").replace(":", ""));
      const firstWait = await waited();
      await expect.poll(waited, { timeout: 5_000 }).toBeGreaterThan(firstWait);
      await page.screenshot({ path: path.join(SHOTS, "desktop-incoming.png") });
      await page.emulateMedia({ colorScheme: "dark" });
      await page.screenshot({ path: path.join(SHOTS, "desktop-incoming-dark.png") });
      await page.emulateMedia({ colorScheme: "light" });
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
      // Wrap-up with a disposition and notes; the call history then shows the call with them, under the contact's name.
      const wrapUp = page.getByRole("form", { name: "Wrap-up" });
      await wrapUp.getByLabel("Disposition").selectOption({ label: "Resolved (RESOLVED)" });
      await wrapUp.getByLabel("Notes").fill("Card replaced");
      await wrapUp.getByRole("button", { name: "Done" }).click();
      await waitFor("the agent available", () => db.agent.findFirst({ where: { id: agent.agentId, state: "AVAILABLE" } }), 10_000);
      const row = page.getByTestId("call-history-row").first();
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain("Card replaced");
      expect(await row.textContent()).toContain("Ada Caller");
      expect(await row.textContent()).toContain("Resolved");
      expect(await row.textContent()).toContain("Answered");
      expect(await row.textContent()).toContain("rs-desktop");
      await page.getByTestId("call-history").screenshot({ path: path.join(SHOTS, "desktop-call-history.png") });
      // Call back fills the dial form with the number.
      await row.getByRole("button", { name: /Call back/ }).click();
      expect(await page.getByLabel("Call", { exact: true }).inputValue()).toBe(caller);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: path.join(SHOTS, "desktop-phone-width.png"), fullPage: true });
      // The browser's microphone reached the switch on the agent's leg (media packets, not only comfort or DTMF).
      const hangup = await waitFor("the agent's leg's end", async () => stage.tap.events.find((e) => e.name === "CHANNEL_HANGUP_COMPLETE" && e.uniqueId === leg.channelUuid));
      expect(Number(hangup.variable("rtp_audio_in_media_packet_count"))).toBeGreaterThan(20);
    } finally {
      await browser.close();
    }
  });
});
