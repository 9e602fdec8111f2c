// The agent desktop when the switch's WebSocket goes away, in Chromium against the real FreeSWITCH: the internal
// profile (which carries the softphones' WebSocket) is restarted; the page shows Reconnecting…, reconnects with
// backoff by itself and registers again ("Line ready"; the dead socket's binding stays first in sofia_contact until it
// expires, and the worker dials the newest), and a caller offered afterwards rings the page and is answered.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { createTestAgent, createTestQueue } from "@/test/agent-fixtures";
import { describeRealSwitch, waitFor, waitForFinal } from "./harness/fixtures";
import { twiml, useDocumentStage } from "./harness/document-stage";
import { launchChromium, openDesktop, signedInContext } from "./harness/desktop-browser";

const SHOTS = path.resolve(import.meta.dirname, "../../test-results/real-switch");

describeRealSwitch("the agent desktop across a restart of the switch's WebSocket profile", () => {
  const stage = useDocumentStage(["CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE", "CUSTOM sofia::register", "CUSTOM sofia::unregister"]);

  it("reconnects and registers again by itself after `sofia profile internal restart`, then takes a call", async () => {
    const { db } = await import("@/server/db");
    mkdirSync(SHOTS, { recursive: true });
    const queue = await createTestQueue(stage.tenant.tenantId, "rs-reconnect", { wrapUpSeconds: 0, ringTimeoutSeconds: 20 });
    const agent = await createTestAgent(stage.tenant.actor, { username: "desk-reconnect", queueIds: [queue.id], registered: false });
    const browser = await launchChromium();
    try {
      const page = await openDesktop(await signedInContext(browser, agent.userId));
      await waitFor("the agent's line registered", () => db.agent.findFirst({ where: { id: agent.agentId, registered: true } }), 10_000);
      const registered = async () => (await stage.tap.api("sofia status profile internal reg")).includes("desk-reconnect@");
      expect(await registered()).toBe(true);

      // mod_sofia refuses to stop or restart a profile up for less than 10 s ("must be up for at least 10 seconds"):
      // asked again until it says it restarts.
      await waitFor("the profile restarting", async () => (/restarting: internal/.test(await stage.tap.api("sofia profile internal restart")) ? true : null), 20_000, 1_000);
      // The socket drops with the profile: the page says so, then comes back by itself.
      await expect.poll(() => page.getByTestId("softphone-registration").textContent(), { timeout: 20_000 }).toBe("Reconnecting…");
      await page.screenshot({ path: path.join(SHOTS, "desktop-reconnecting.png") });
      await waitFor("the profile running again", async () => (/internal\s+profile.*RUNNING/s.test(await stage.tap.api("sofia status")) ? true : null), 30_000);
      await expect.poll(() => page.getByTestId("softphone-registration").textContent(), { timeout: 45_000 }).toBe("Line ready");
      await waitFor("the switch has the registration again", async () => ((await registered()) ? true : null), 10_000);
      await page.screenshot({ path: path.join(SHOTS, "desktop-reconnected.png") });
      // The dead socket's binding stays until it expires, listed first; the new one is last, and the worker dials it
      // (the call below reaches the page only so).
      const contacts = (await stage.tap.api(`sofia_contact */desk-reconnect@${stage.tenant.sipDomain}`)).trim().split(",");
      expect(contacts.length).toBe(2);

      // The switch keeps a restarted profile's registrations (no unregister event): the agent stayed available
      // throughout, and the router's calls now reach the live socket.
      expect(await db.agent.findUniqueOrThrow({ where: { id: agent.agentId } })).toMatchObject({ state: "AVAILABLE", registered: true });
      // A caller now rings the page, which answers.
      stage.routes.set("/reconnect", twiml("<Enqueue>rs-reconnect</Enqueue>"));
      const { call } = await stage.callIn("/reconnect", "+14155550193");
      await page.getByTestId("softphone-incoming").waitFor({ state: "visible", timeout: 20_000 });
      await page.getByRole("button", { name: /Answer/ }).click();
      await expect.poll(() => page.getByTestId("softphone-call").textContent(), { timeout: 15_000 }).toContain("Connected");
      await page.getByRole("button", { name: /Hang up/ }).click();
      expect((await waitForFinal(stage.tenant, call.id, 30_000)).status).toBe("completed");
    } finally {
      await browser.close();
    }
  });
});
