// A blind transfer between two agent desktops in Chromium on the real FreeSWITCH: the agent answers an ACD caller in
// /desktop, opens Transfer (Alt+T), picks a colleague (their own desktop, a second browser context), and the caller
// rings the colleague's page with their own number; the first browser's call ends and the agent is in wrap-up; the
// colleague answers, talks, hangs up. Then the agent calls a number from the
// dial form, showing the account's number (click-to-call). Screenshots of the dialog, light and dark, and the call.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { createTestAgent, createTestQueue } from "@/test/agent-fixtures";
import { launchChromium, openDesktop, signedInContext } from "./harness/desktop-browser";
import { describeRealSwitch, waitFor, waitForFinal } from "./harness/fixtures";
import { twiml, useDocumentStage } from "./harness/document-stage";

const SHOTS = path.resolve(import.meta.dirname, "../../test-results/real-switch");

describeRealSwitch("a transfer and a click-to-call from the agent desktop on a real FreeSWITCH", () => {
  const stage = useDocumentStage(["CHANNEL_EXECUTE", "CHANNEL_BRIDGE", "CHANNEL_HANGUP_COMPLETE"]);

  it("the agent transfers the caller to a colleague from the dialog; the colleague's desktop takes the call", async () => {
    const { db } = await import("@/server/db");
    mkdirSync(SHOTS, { recursive: true });
    const queue = await createTestQueue(stage.tenant.tenantId, "rs-desk-transfer", { wrapUpSeconds: 60, ringTimeoutSeconds: 20 });
    const agent = await createTestAgent(stage.tenant.actor, { username: "desk-xfer", name: "Dana Desk", queueIds: [queue.id], registered: false, idleSince: new Date(Date.now() - 600_000) });
    // The colleague's own desktop (a second browser context); an offline colleague is listed, not choosable.
    const colleague = await createTestAgent(stage.tenant.actor, { username: "desk-colleague", name: "Bea Phone", queueIds: [queue.id], registered: false });
    await createTestAgent(stage.tenant.actor, { username: "desk-off", name: "Otto Offline", state: "OFFLINE", registered: false });
    const browser = await launchChromium();
    try {
      const bPage = await openDesktop(await signedInContext(browser, colleague.userId));
      await waitFor("the colleague registered", () => db.agent.findFirst({ where: { id: colleague.agentId, registered: true } }), 10_000);
      // Busy on something else while the caller is routed: the caller must go to the first agent.
      await db.agent.update({ where: { id: colleague.agentId }, data: { state: "AWAY" } });
      const page = await openDesktop(await signedInContext(browser, agent.userId));
      await waitFor("the agent's line registered", () => db.agent.findFirst({ where: { id: agent.agentId, registered: true } }), 10_000);

      stage.routes.set("/desk-xfer", twiml('<Enqueue action="/desk-xfer-after">rs-desk-transfer</Enqueue>'));
      stage.routes.set("/desk-xfer-after", twiml("<Hangup/>"));
      const caller = "+14155550187";
      const { call } = await stage.callIn("/desk-xfer", caller);
      await page.getByTestId("softphone-incoming").waitFor({ state: "visible", timeout: 20_000 });
      await page.getByRole("button", { name: /Answer/ }).click();
      await waitFor("the agent on the call", () => db.agent.findFirst({ where: { id: agent.agentId, state: "ON_CALL" } }), 15_000);
      await db.agent.update({ where: { id: colleague.agentId }, data: { state: "AVAILABLE" } });

      await page.keyboard.press("Alt+T");
      const dialog = page.getByTestId("transfer-dialog");
      await dialog.waitFor({ state: "visible" });
      await expect.poll(() => dialog.getByRole("radio").count()).toBe(2);
      expect(await dialog.getByRole("radio", { name: /Otto Offline/ }).isDisabled()).toBe(true);
      await dialog.getByRole("radio", { name: /Bea Phone/ }).click();
      await page.screenshot({ path: path.join(SHOTS, "desktop-transfer-dialog.png") });
      await page.emulateMedia({ colorScheme: "dark" });
      await page.screenshot({ path: path.join(SHOTS, "desktop-transfer-dialog-dark.png") });
      await page.emulateMedia({ colorScheme: "light" });
      await dialog.getByRole("button", { name: /^Transfer/ }).click();

      // The first browser's leg ends; the caller rings the colleague's page, which answers, talks a moment, hangs up.
      await page.getByTestId("softphone-call").waitFor({ state: "detached", timeout: 15_000 });
      await bPage.getByTestId("softphone-incoming").waitFor({ state: "visible", timeout: 20_000 });
      expect(await bPage.getByTestId("softphone-incoming").textContent()).toContain(caller);
      await expect.poll(() => bPage.getByTestId("softphone-incoming-from-agent").textContent(), { timeout: 10_000 }).toBe("Dana Desk");
      expect(await bPage.getByTestId("softphone-incoming-queue").textContent()).toBe("rs-desk-transfer");
      await bPage.screenshot({ path: path.join(SHOTS, "desktop-incoming-transfer.png") });
      await bPage.getByRole("button", { name: /Answer/ }).click();
      await expect.poll(() => bPage.getByTestId("softphone-call").textContent(), { timeout: 10_000 }).toContain("Connected");
      await waitFor("the colleague on the call", () => db.agent.findFirst({ where: { id: colleague.agentId, state: "ON_CALL", currentCallId: call.id } }), 10_000);
      await new Promise((r) => setTimeout(r, 3_000));
      await bPage.getByRole("button", { name: /Hang up/ }).click();
      expect((await waitForFinal(stage.tenant, call.id, 60_000)).status).toBe("completed");
      const legs = await db.call.findMany({ where: { parentCallId: call.id }, orderBy: { createdAt: "asc" } });
      expect(legs.map((l) => [l.to, l.from, l.status])).toEqual([
        ["client:desk-xfer", caller, "COMPLETED"],
        ["client:desk-colleague", caller, "COMPLETED"],
      ]);
      expect(legs[1]!.durationSeconds).toBeGreaterThanOrEqual(3);
      await waitFor("the agent in wrap-up", () => db.agent.findFirst({ where: { id: agent.agentId, state: "WRAP_UP", currentCallId: call.id } }), 10_000);
      await page.getByRole("form", { name: "Wrap-up" }).waitFor({ timeout: 10_000 });
      await page.screenshot({ path: path.join(SHOTS, "desktop-after-transfer.png") });

      // Click-to-call from wrap-up: the dial form places the call from the agent's line, showing the account's number.
      await page.getByLabel("Call", { exact: true }).fill("+1 500 555 0103");
      await page.getByLabel("Show caller ID").selectOption(stage.tenant.number);
      await page.getByRole("button", { name: "Call", exact: true }).click();
      await expect.poll(() => page.getByTestId("softphone-call").textContent().catch(() => ""), { timeout: 20_000 }).toContain("Connected");
      const placed = await waitFor("the agent's call", () => db.call.findFirst({ where: { tenantId: stage.tenant.tenantId, from: "client:desk-xfer" } }), 10_000);
      expect(placed).toMatchObject({ direction: "INBOUND", to: "+15005550103" });
      expect(await db.agent.findUniqueOrThrow({ where: { id: agent.agentId } })).toMatchObject({ state: "ON_CALL", currentCallId: placed.id });
      await page.screenshot({ path: path.join(SHOTS, "desktop-click-to-call.png") });
      // The carrier's far end hangs up after 3 s; the agent is free at once.
      expect((await waitForFinal(stage.tenant, placed.id, 30_000)).status).toBe("completed");
      const out = await db.call.findFirstOrThrow({ where: { parentCallId: placed.id } });
      expect(out).toMatchObject({ to: "+15005550103", from: stage.tenant.number, status: "COMPLETED" });
      expect(out.durationSeconds).toBeGreaterThanOrEqual(2);
      await waitFor("the agent free again", () => db.agent.findFirst({ where: { id: agent.agentId, state: "AVAILABLE" } }), 10_000);
      await page.getByTestId("softphone-call").waitFor({ state: "detached", timeout: 10_000 });
    } finally {
      await browser.close();
    }
  });
});
