// An attended transfer between two agent desktops in Chromium on the real FreeSWITCH: agent A answers an ACD caller in
// /desktop, opens Transfer or add (Alt+T), picks colleague B (their own desktop, a second browser context) and presses
// Consult. A's leg moves into the call's room without ringing again (the same call goes on in A's page); B's desktop
// rings with the caller's number and B answers; A's consult bar shows B connected and the caller on hold; Three-way
// takes the caller off hold; Complete ends A's part (wrap-up) while the caller stays with B, until B hangs up from
// their page and the room ends the call. Screenshots of the bar and of B's call.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { createTestAgent, createTestQueue } from "@/test/agent-fixtures";
import { launchChromium, openDesktop, signedInContext } from "./harness/desktop-browser";
import { describeRealSwitch, waitFor, waitForFinal } from "./harness/fixtures";
import { twiml, useDocumentStage } from "./harness/document-stage";

const SHOTS = path.resolve(import.meta.dirname, "../../test-results/real-switch");

describeRealSwitch("an attended transfer from the agent desktop on a real FreeSWITCH", () => {
  const stage = useDocumentStage(["CHANNEL_EXECUTE", "CHANNEL_BRIDGE", "CHANNEL_HANGUP_COMPLETE"]);

  it("the agent consults a colleague with the caller on hold, makes it three-way, then completes", async () => {
    const { db } = await import("@/server/db");
    mkdirSync(SHOTS, { recursive: true });
    const queue = await createTestQueue(stage.tenant.tenantId, "rs-desk-consult", { wrapUpSeconds: 60, ringTimeoutSeconds: 20 });
    const agent = await createTestAgent(stage.tenant.actor, { username: "desk-consult", name: "Dana Desk", queueIds: [queue.id], registered: false, idleSince: new Date(Date.now() - 600_000) });
    // The colleague serves no queue: only the consultation rings them.
    const colleague = await createTestAgent(stage.tenant.actor, { username: "desk-consultee", name: "Bea Browser", queueIds: [], registered: false });
    const browser = await launchChromium();
    try {
      const bPage = await openDesktop(await signedInContext(browser, colleague.userId));
      await waitFor("the colleague registered", () => db.agent.findFirst({ where: { id: colleague.agentId, registered: true } }), 10_000);
      await db.agent.update({ where: { id: colleague.agentId }, data: { state: "AVAILABLE" } });
      const page = await openDesktop(await signedInContext(browser, agent.userId));
      await waitFor("the agent's line registered", () => db.agent.findFirst({ where: { id: agent.agentId, registered: true } }), 10_000);

      stage.routes.set("/desk-consult", twiml("<Enqueue>rs-desk-consult</Enqueue>"));
      const { call } = await stage.callIn("/desk-consult", "+14155550189");
      await page.getByTestId("softphone-incoming").waitFor({ state: "visible", timeout: 20_000 });
      await page.getByRole("button", { name: /Answer/ }).click();
      await waitFor("the agent on the call", () => db.agent.findFirst({ where: { id: agent.agentId, state: "ON_CALL" } }), 15_000);
      const browserLeg = await db.call.findFirstOrThrow({ where: { parentCallId: call.id, to: "client:desk-consult" } });

      await page.keyboard.press("Alt+T");
      const dialog = page.getByTestId("transfer-dialog");
      await dialog.waitFor({ state: "visible" });
      await dialog.getByRole("radio", { name: /Bea Browser/ }).click();
      await dialog.getByRole("button", { name: /Consult/ }).click();
      const bar = page.getByTestId("consult-bar");
      await bar.waitFor({ state: "visible", timeout: 15_000 });
      // B's desktop rings with the caller's number; B answers in their page.
      await bPage.getByTestId("softphone-incoming").waitFor({ state: "visible", timeout: 20_000 });
      expect(await bPage.getByTestId("softphone-incoming").textContent()).toContain("+14155550189");
      await expect.poll(() => bPage.getByTestId("softphone-incoming-from-agent").textContent(), { timeout: 10_000 }).toBe("Dana Desk");
      expect(await bPage.getByTestId("softphone-incoming").textContent()).toContain("Consultation");
      await bPage.getByRole("button", { name: /Answer/ }).click();
      await expect.poll(() => bar.getByTestId("consult-target-state").textContent(), { timeout: 20_000 }).toBe("Connected");
      await expect.poll(() => bar.textContent(), { timeout: 10_000 }).toContain("Caller on hold");
      // The browser's leg was moved into the room, not hung up: the page's call goes on, its leg still in progress.
      expect(await page.getByTestId("softphone-call").isVisible()).toBe(true);
      expect((await db.call.findUniqueOrThrow({ where: { id: browserLeg.id } })).status).toBe("IN_PROGRESS");
      await page.screenshot({ path: path.join(SHOTS, "desktop-consult-bar.png") });
      await page.emulateMedia({ colorScheme: "dark" });
      await page.screenshot({ path: path.join(SHOTS, "desktop-consult-bar-dark.png") });
      await page.emulateMedia({ colorScheme: "light" });

      await bar.getByRole("button", { name: /Three-way/ }).click();
      await expect.poll(() => bar.textContent(), { timeout: 10_000 }).toContain("Three-way with");
      expect(await bar.textContent()).not.toContain("Caller on hold");
      await bar.getByRole("button", { name: /Complete/ }).click();
      await page.getByTestId("softphone-call").waitFor({ state: "detached", timeout: 15_000 });
      await waitFor("the agent in wrap-up", () => db.agent.findFirst({ where: { id: agent.agentId, state: "WRAP_UP", currentCallId: call.id } }), 10_000);
      expect((await waitForFinal(stage.tenant, browserLeg.id, 15_000)).status).toBe("completed");
      // The caller stays with B (on the consultation's leg) until B hangs up from their page; then the room ends the call.
      expect((await db.call.findUniqueOrThrow({ where: { id: call.id } })).status).toBe("IN_PROGRESS");
      const consult = await db.callConsult.findFirstOrThrow({ where: { callId: call.id } });
      expect(await db.agent.findUniqueOrThrow({ where: { id: colleague.agentId } })).toMatchObject({ state: "ON_CALL", currentCallId: consult.targetCallId });
      await expect.poll(() => bPage.getByTestId("softphone-call").textContent(), { timeout: 10_000 }).toContain("Connected");
      await bPage.screenshot({ path: path.join(SHOTS, "desktop-consult-taken.png") });
      await page.screenshot({ path: path.join(SHOTS, "desktop-after-consult.png") });
      await bPage.getByRole("button", { name: /Hang up/ }).click();
      expect((await waitForFinal(stage.tenant, call.id, 30_000)).status).toBe("completed");
      expect((await waitForFinal(stage.tenant, consult.targetCallId, 10_000)).status).toBe("completed");
      await waitFor("B free again", () => db.agent.findFirst({ where: { id: colleague.agentId, state: "AVAILABLE" } }), 15_000);
    } finally {
      await browser.close();
    }
  });
});
