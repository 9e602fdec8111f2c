// The agent desktop in more than one tab, with its audio settings and after a reload, in Chromium (fake microphone:
// a beep) against the real FreeSWITCH. Two tabs of one browser: the second finds the line held by the first and shows
// the banner; "Use here" moves the one registration the switch has (sofia status profile internal reg: never two,
// a new Call-ID after), and the first tab shows the banner in turn. The audio settings list the fake devices, keep a
// choice in localStorage, and their level meter moves with the fake microphone. A reload during a call shows the
// call the server knows (the customer's number), keeps the agent on the call, then wrap-up with its form.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, it } from "vitest";
import { createTestAgent, createTestQueue } from "@/test/agent-fixtures";
import { describeRealSwitch, stackInfo, waitFor, waitForFinal, type EslTap } from "./harness/fixtures";
import { twiml, useDocumentStage } from "./harness/document-stage";
import { launchChromium, signedInContext } from "./harness/desktop-browser";

const SHOTS = path.resolve(import.meta.dirname, "../../test-results/real-switch");

/** The switch's registrations of one user (Call-ID and Contact of each), from the internal profile. */
async function registrationsOf(tap: EslTap, user: string): Promise<{ callId: string; contact: string }[]> {
  const text = await tap.api("sofia status profile internal reg");
  const found: { callId: string; contact: string }[] = [];
  for (const block of text.split(/\n(?=Call-ID:)/)) {
    const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "m").exec(block)?.[1]?.trim() ?? "";
    if (field("User").toLowerCase() === user.toLowerCase()) found.push({ callId: field("Call-ID"), contact: field("Contact") });
  }
  return found;
}

/** A screenshot once the page's animations (the popover's zoom-in) have finished. */
async function settledShot(page: Page, name: string): Promise<void> {
  // Finite ones only: a pulsing dot never finishes.
  await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity).map((a) => a.finished.catch(() => undefined))));
  await page.screenshot({ path: path.join(SHOTS, name) });
}

const registrationBadge = (page: Page) => page.getByTestId("softphone-registration").textContent();

/** The highest level the meter shows over `ms` (the fake microphone beeps once a second). */
async function peakLevel(page: Page, ms: number): Promise<number> {
  return page.evaluate(async (duration) => {
    let peak = 0;
    const end = Date.now() + duration;
    while (Date.now() < end) {
      for (const el of document.querySelectorAll<HTMLElement>("[data-testid=input-level]")) peak = Math.max(peak, Number(el.dataset.level ?? 0));
      await new Promise((r) => setTimeout(r, 20));
    }
    return peak;
  }, ms);
}

describeRealSwitch("the agent desktop in two tabs, its audio settings, and a reload during a call", () => {
  const stage = useDocumentStage(["CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE"]);

  it("a second tab shows the banner; 'Use here' moves the one registration; the audio settings list the devices and the meter moves", async () => {
    const { db } = await import("@/server/db");
    mkdirSync(SHOTS, { recursive: true });
    const agent = await createTestAgent(stage.tenant.actor, { username: "tab-agent", name: "Tess Tabs", registered: false, state: "OFFLINE" });
    const user = `${agent.sipUser.username}@${stage.tenant.sipDomain}`;
    const browser = await launchChromium();
    try {
      const context = await signedInContext(browser, agent.userId);
      const first = await context.newPage();
      await first.goto(`${stackInfo().appUrl}/desktop`);
      await expect.poll(() => registrationBadge(first), { timeout: 20_000 }).toBe("Line ready");
      const [before] = await waitFor("the first tab's registration at the switch", async () => {
        const regs = await registrationsOf(stage.tap, user);
        return regs.length === 1 ? regs : null;
      });

      const second = await context.newPage();
      await second.goto(`${stackInfo().appUrl}/desktop`);
      const banner = second.getByTestId("softphone-other-tab");
      await banner.waitFor({ state: "visible", timeout: 15_000 });
      expect(await banner.textContent()).toContain("The softphone is active in another tab");
      expect(await registrationBadge(second)).toBe("In another tab");
      // Give a wrongly registering tab time to show itself: the switch still has the first tab's one registration.
      await new Promise((r) => setTimeout(r, 2_000));
      expect(await registrationsOf(stage.tap, user)).toEqual([before]);
      expect(await registrationBadge(first)).toBe("Line ready");
      expect(await first.getByTestId("softphone-other-tab").count()).toBe(0);
      await settledShot(second, "desktop-other-tab-light.png");
      await second.emulateMedia({ colorScheme: "dark" });
      await settledShot(second, "desktop-other-tab-dark.png");
      await second.emulateMedia({ colorScheme: "light" });

      // "Use here": sample the switch's registrations all through the hand-over; never two.
      let watching = true;
      let most = 0;
      const watcher = (async () => {
        while (watching) {
          most = Math.max(most, (await registrationsOf(stage.tap, user)).length);
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      await second.getByRole("button", { name: "Use here" }).click();
      await expect.poll(() => registrationBadge(second), { timeout: 20_000 }).toBe("Line ready");
      await first.getByTestId("softphone-other-tab").waitFor({ state: "visible", timeout: 10_000 });
      const [after] = await waitFor("the second tab's registration at the switch", async () => {
        const regs = await registrationsOf(stage.tap, user);
        return regs.length === 1 && regs[0]!.callId !== before!.callId ? regs : null;
      });
      watching = false;
      await watcher;
      expect(most).toBe(1);
      expect(after!.contact).not.toBe(before!.contact);
      expect(await registrationBadge(first)).toBe("In another tab");
      await waitFor("the agent's line registered", () => db.agent.findFirst({ where: { id: agent.agentId, registered: true } }), 10_000);
      await settledShot(first, "desktop-other-tab-after-use-here.png");

      // The audio settings in the tab that holds the line: Chromium's fake devices, named (the page may use the mic).
      await second.getByRole("button", { name: "Audio settings" }).click();
      const settings = second.getByTestId("softphone-settings");
      await settings.waitFor({ state: "visible" });
      expect(await peakLevel(second, 2_500)).toBeGreaterThan(20);
      await second.getByRole("combobox", { name: "Microphone" }).click();
      const options = await second.getByRole("option").allTextContents();
      expect(options[0]).toBe("System default microphone");
      expect(options.some((o) => /fake/i.test(o))).toBe(true);
      await settledShot(second, "desktop-audio-settings-open-list.png");
      const pick = options.find((o, i) => i > 0 && /fake/i.test(o))!;
      await second.getByRole("option", { name: pick }).click();
      const stored = await second.evaluate(() => window.localStorage.getItem("irisx.softphone.devices"));
      const chosen = await second.evaluate(async (label) => (await navigator.mediaDevices.enumerateDevices()).find((d) => d.kind === "audioinput" && d.label === label)?.deviceId, pick);
      expect(chosen).toBeTruthy();
      expect(JSON.parse(stored ?? "{}")).toMatchObject({ input: chosen });
      // The meter follows the newly chosen microphone.
      expect(await peakLevel(second, 2_500)).toBeGreaterThan(20);
      await settledShot(second, "desktop-audio-settings-light.png");
      await second.emulateMedia({ colorScheme: "dark" });
      await settledShot(second, "desktop-audio-settings-dark.png");
      await second.emulateMedia({ colorScheme: "light" });
      // Closed, the settings stop their microphone: the meter is gone with them.
      await second.keyboard.press("Escape");
      await settings.waitFor({ state: "hidden" });
      expect(await second.getByTestId("input-level").count()).toBe(0);

      // Phone width: the banner and the settings fit.
      await first.setViewportSize({ width: 390, height: 844 });
      await settledShot(first, "desktop-other-tab-phone.png");
      await second.setViewportSize({ width: 390, height: 844 });
      await second.getByRole("button", { name: "Audio settings" }).click();
      await settings.waitFor({ state: "visible" });
      await settledShot(second, "desktop-audio-settings-phone.png");
    } finally {
      await browser.close();
    }
  });

  it("a reload during a call shows the server's call (the customer's number), keeps the agent on it, then wrap-up with its form", async () => {
    const { db } = await import("@/server/db");
    const queue = await createTestQueue(stage.tenant.tenantId, "rs-reload", { wrapUpSeconds: 120, ringTimeoutSeconds: 30 });
    const agent = await createTestAgent(stage.tenant.actor, { username: "reload-agent", name: "Rhea Reload", queueIds: [queue.id], registered: false });
    const browser = await launchChromium();
    try {
      const context = await signedInContext(browser, agent.userId);
      const page = await context.newPage();
      await page.goto(`${stackInfo().appUrl}/desktop`);
      await expect.poll(() => registrationBadge(page), { timeout: 20_000 }).toBe("Line ready");
      await waitFor("the agent's line registered", () => db.agent.findFirst({ where: { id: agent.agentId, registered: true, state: "AVAILABLE" } }), 10_000);

      stage.routes.set("/reload", twiml('<Enqueue action="/reload-after">rs-reload</Enqueue>'));
      stage.routes.set("/reload-after", twiml("<Hangup/>"));
      const caller = "+14155550177";
      const { call } = await stage.callIn("/reload", caller);
      await page.getByTestId("softphone-incoming").waitFor({ state: "visible", timeout: 20_000 });
      await page.getByRole("button", { name: /Answer/ }).click();
      await expect.poll(() => page.getByTestId("softphone-call").textContent(), { timeout: 15_000 }).toContain("Connected");
      await waitFor("the agent on the call", () => db.agent.findFirst({ where: { id: agent.agentId, state: "ON_CALL" } }), 10_000);
      // During the call the meter shows what the call sends (the fake microphone's beep).
      expect(await peakLevel(page, 2_500)).toBeGreaterThan(20);
      // Another microphone chosen during the call: the call's sender sends its track from now on (replaceTrack).
      const callMeter = page.getByTestId("softphone-call").getByTestId("input-level");
      const sendingBefore = await callMeter.getAttribute("data-source");
      await page.getByRole("button", { name: "Audio settings" }).click();
      await page.getByRole("combobox", { name: "Microphone" }).click();
      const mics = await page.getByRole("option").allTextContents();
      const other = mics.find((m, i) => i > 0 && m !== sendingBefore);
      expect(other).toBeTruthy();
      await page.getByRole("option", { name: other! }).click();
      await expect.poll(() => callMeter.getAttribute("data-source"), { timeout: 10_000 }).toBe(other);
      expect(await page.getByTestId("softphone-settings").textContent()).toContain("Level on this call");
      expect(await peakLevel(page, 2_500)).toBeGreaterThan(20);
      await settledShot(page, "desktop-in-call-settings.png");
      await page.keyboard.press("Escape");
      const leg = await db.call.findFirstOrThrow({ where: { parentCallId: call.id } });

      const onCallSince = (await db.agent.findUniqueOrThrow({ where: { id: agent.agentId } })).stateSince;
      await page.reload();
      // The page has no SIP session after the reload: it asks for its call back (agents.reattach), and the switch
      // rings this softphone into the call's room, answered by itself. The caller never left; the agent never either.
      await expect.poll(() => page.getByTestId("softphone-call").textContent().catch(() => ""), { timeout: 30_000 }).toContain("Connected");
      expect(await page.getByTestId("softphone-call").textContent()).toContain(caller);
      expect((await waitForFinal(stage.tenant, leg.id, 15_000)).status).toBe("completed");
      const back = await db.call.findFirstOrThrow({ where: { parentCallId: call.id, id: { not: leg.id }, to: leg.to } });
      expect(back.status).toBe("IN_PROGRESS");
      expect((await db.call.findUniqueOrThrow({ where: { id: call.id } })).status).toBe("IN_PROGRESS");
      expect(await db.agent.findUniqueOrThrow({ where: { id: agent.agentId } })).toMatchObject({ state: "ON_CALL", currentCallId: call.id });
      // Sound flows again: the fake microphone's beep on the meter (the switch's packet counts below, at the hang-up).
      expect(await peakLevel(page, 2_500)).toBeGreaterThan(20);
      await settledShot(page, "desktop-reloaded-call-back.png");
      const notice = page.getByTestId("softphone-server-call");
      await page.getByRole("button", { name: /Hang up/ }).click();
      // Both ways on the new leg, as the switch counted them: the page's microphone in, the caller's side out.
      const ended = await waitFor("the new leg's end", async () => stage.tap.events.find((e) => e.name === "CHANNEL_HANGUP_COMPLETE" && e.uniqueId === back.channelUuid), 15_000);
      expect(Number(ended.variable("rtp_audio_in_media_packet_count"))).toBeGreaterThan(20);
      expect(Number(ended.variable("rtp_audio_out_media_packet_count"))).toBeGreaterThan(20);
      await waitFor("the agent in wrap-up", () => db.agent.findFirst({ where: { id: agent.agentId, state: "WRAP_UP" } }), 15_000);
      await page.getByRole("form", { name: "Wrap-up" }).waitFor({ state: "visible", timeout: 10_000 });
      await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toContain("finish its wrap-up");
      expect(await notice.textContent()).toContain(caller);
      await settledShot(page, "desktop-reloaded-wrap-up.png");
      // Nothing made the agent available on the way: on the call, then wrap-up.
      const moves = await db.agentStateChange.findMany({ where: { agentId: agent.agentId, at: { gte: onCallSince } }, orderBy: { at: "asc" } });
      expect(moves.map((m) => m.toState)).not.toContain("AVAILABLE");
      await page.getByRole("button", { name: "Done" }).click();
      await waitFor("the agent available after wrap-up", () => db.agent.findFirst({ where: { id: agent.agentId, state: "AVAILABLE" } }), 10_000);
      await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(0);
    } finally {
      await browser.close();
    }
  });
});
