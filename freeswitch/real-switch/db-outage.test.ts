// A 20-second PostgreSQL outage under the app and the worker on the real switch (the stack's database stopped and
// started through the control API; files run one after another, so nothing else runs meanwhile). A call that
// hangs up during the outage is recorded once with the switch's own billsec (before: closed by reconcile when the
// database came back, billsec counted to that moment and charged two minutes); a call queued across the outage is
// dialled once afterwards.
import { afterAll, beforeAll, expect, it } from "vitest";
import { callEventsOf, callRecordOf, control, createVoiceTenant, describeRealSwitch, EslTap, ledgerOf, placeCall, rest, stackInfo, waitFor, waitForFinal, waitForStatus, type VoiceTenant } from "./harness/fixtures";

const OUTAGE_MS = 20_000;

describeRealSwitch("a database outage on a real FreeSWITCH", () => {
  let tenant: VoiceTenant;
  let tap: EslTap;
  beforeAll(async () => {
    // One call at a time: the second waits queued behind the first, across the outage.
    tenant = await createVoiceTenant({ callsPerSecond: 10, maxConcurrentCalls: 1 });
    tap = await EslTap.open(["CHANNEL_HANGUP_COMPLETE"]);
  });
  afterAll(async () => {
    await tap?.close();
  });

  /** The billsec the switch itself reported for the call's channel. */
  function switchBillsec(callId: string): number {
    const complete = tap.events.find((e) => e.name === "CHANNEL_HANGUP_COMPLETE" && e.variable("irisx_call_id") === callId);
    if (!complete) throw new Error(`the switch reported no hang-up for ${callId}`);
    return Number(complete.variable("billsec"));
  }

  async function expectRecordedOnce(callId: string) {
    const final = await waitForFinal(tenant, callId, 60_000);
    expect(final.status).toBe("completed");
    const record = await callRecordOf(callId);
    expect(Math.abs(record!.billsec - switchBillsec(callId))).toBeLessThanOrEqual(1);
    expect(await ledgerOf(callId)).toHaveLength(1);
    const events = await callEventsOf(callId);
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t === "answered")).toHaveLength(1);
    expect(types.filter((t) => t === "completed")).toHaveLength(1);
    expect(events.at(-1)!.data).not.toMatchObject({ reconciled: true });
    for (let i = 1; i < events.length; i++) expect(events[i]!.occurredAt.getTime()).toBeGreaterThanOrEqual(events[i - 1]!.occurredAt.getTime());
    return record!;
  }

  /** A browser signed in as the tenant's owner (a password set for the test), on the portal's calls page. */
  async function ownerInBrowser() {
    const [{ chromium }, { hashPassword }, { db }] = await Promise.all([import("@playwright/test"), import("@/server/auth/password"), import("@/server/db")]);
    const owner = await db.user.findFirstOrThrow({ where: { memberships: { some: { tenantId: tenant.tenantId, role: "OWNER" } } } });
    await db.user.update({ where: { id: owner.id }, data: { passwordHash: await hashPassword("outage-password-123") } });
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
    const page = await browser.newPage({ baseURL: stackInfo().appUrl });
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(owner.email);
    await page.getByLabel("Password").fill("outage-password-123");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/", { timeout: 30_000 });
    return { browser, page };
  }

  it("a call hanging up during a 20 s outage is billed the switch's seconds, once; a call queued across it is dialled once afterwards", async () => {
    const endsDuring = await placeCall(tenant, { to: "+15005550108" });
    await waitForStatus(tenant, endsDuring.id, ["in-progress"], 15_000);
    const queuedAcross = await placeCall(tenant, { to: "+15005550103" });

    const { browser, page } = await ownerInBrowser();
    await control("db/stop");
    const stoppedAt = Date.now();
    try {
      // The portal says what is going on instead of a broken page, and offers a retry.
      await page.goto("/calls");
      await page.getByText("Service temporarily unavailable").waitFor({ timeout: 15_000 });
      await page.screenshot({ path: `${stackInfo().workDir}/portal-during-outage.png` });
      // Clients are told to come back, in each surface's own error shape, never a 500.
      const native = await fetch(`${stackInfo().appUrl}/api/v1/calls`, {
        method: "POST",
        headers: { Authorization: `Bearer ${tenant.bearer}`, "Content-Type": "application/json" },
        body: JSON.stringify({ to: "+15005550103", from: tenant.number, instructions: [{ pause: 1 }] }),
      });
      expect(native.status).toBe(503);
      expect(Number(native.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await native.json()) as { error: { code: string } }).error.code).toBe("UNAVAILABLE");
      const twilio = await fetch(`${stackInfo().appUrl}/2010-04-01/Accounts/${tenant.accountSid}/Calls.json`, {
        method: "POST",
        headers: { Authorization: `Basic ${Buffer.from(`${tenant.accountSid}:${tenant.authToken}`).toString("base64")}`, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ To: "+15005550103", From: tenant.number, Twiml: "<Response><Pause length=\"1\"/></Response>" }).toString(),
      });
      expect(twilio.status).toBe(503);
      expect(twilio.headers.get("retry-after")).not.toBeNull();
      expect(((await twilio.json()) as { code: number }).code).toBe(20503);
      await new Promise((r) => setTimeout(r, OUTAGE_MS - (Date.now() - stoppedAt)));
      // The carrier hung up 8 s after answering, in the middle of the outage.
      expect(tap.events.some((e) => e.name === "CHANNEL_HANGUP_COMPLETE" && e.variable("irisx_call_id") === endsDuring.id)).toBe(true);
    } finally {
      await control("db/start");
    }
    // Back with the database: the same page renders the portal again.
    await page.getByRole("button", { name: "Try again" }).click();
    await page.getByRole("heading", { level: 1, name: "Calls" }).waitFor({ timeout: 30_000 });
    await browser.close();

    const ended = await expectRecordedOnce(endsDuring.id);
    expect(ended.billsec).toBeGreaterThanOrEqual(7);
    expect(ended.billsec).toBeLessThanOrEqual(9);
    await expectRecordedOnce(queuedAcross.id);
    // Dialled once: one channel on the switch for the queued call.
    expect(tap.events.filter((e) => e.name === "CHANNEL_HANGUP_COMPLETE" && e.variable("irisx_call_id") === queuedAcross.id)).toHaveLength(1);
    await waitFor("the API to place calls again", async () => (await rest(tenant, "POST", "/api/v1/calls", { to: "+15005550103", from: tenant.number, instructions: [{ pause: 1 }] })).status === 201, 20_000);
  });
});
