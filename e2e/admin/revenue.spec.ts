// /admin/revenue and /admin/health against data this spec seeds into the e2e database: three tenants in a currency
// of their own (a made-up code no other spec uses, so the platform's figures in it are exactly these), their plan,
// a week of call records, a failed call, and a day of health samples with a degraded and a down spell.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { closeE2eDatabase, e2eDatabase } from "../helpers/database";
import { createStaffMember, signInStaffMember } from "../helpers/staff-member";

test.describe.configure({ mode: "serial" });

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const suffix = randomBytes(3).toString("hex");
/** "X" and two letters: ISO 4217 leaves X-codes unassigned but Intl formats any three letters. */
const CURRENCY = `X${String.fromCharCode(65 + (parseInt(suffix.slice(0, 2), 16) % 26), 65 + (parseInt(suffix.slice(2, 4), 16) % 26))}`;
const names = { one: `Revenue One ${suffix}`, two: `Revenue Two ${suffix}`, gone: `Revenue Gone ${suffix}`, plan: `E2E plan ${suffix}` };
const ids = { one: `tn_e2eone${suffix}`, two: `tn_e2etwo${suffix}`, gone: `tn_e2egone${suffix}`, plan: `pp_e2e${suffix}` };

/** An instant `daysAgo` UTC days back at `hour` o'clock, as an ISO string (SQL casts it: columns are UTC). */
const utc = (daysAgo: number, hour: number) => new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS - daysAgo * DAY_MS + hour * 3_600_000).toISOString();
const AT = `($1::timestamptz AT TIME ZONE 'UTC')`;

async function seedRevenue() {
  const db = e2eDatabase();
  await db.query(`INSERT INTO "PricePlan" (id, name, "outboundMicrosPerMinute", "inboundMicrosPerMinute", "monthlyFeeMicros", "updatedAt") VALUES ($1, $2, 14000, 8500, 100000000, now())`, [ids.plan, names.plan]);
  const tenant = (id: string, name: string, plan: string | null, suspendedAt: string | null) =>
    db.query(
      `INSERT INTO "Tenant" (id, name, slug, currency, "pricePlanId", status, "suspendedAt", "suspendedReason", "updatedAt")
       VALUES ($1, $2, $1, $3, $4, $5, ($6::timestamptz AT TIME ZONE 'UTC'), $7, now())`,
      [id, name, CURRENCY, plan, suspendedAt ? "SUSPENDED" : "ACTIVE", suspendedAt, suspendedAt ? "e2e: churned" : null],
    );
  await tenant(ids.one, names.one, ids.plan, null);
  await tenant(ids.two, names.two, null, null);
  await tenant(ids.gone, names.gone, ids.plan, utc(1, 8));
  const call = async (tenantId: string, endedAt: string, billableSeconds: number, costMicros: number, status = "COMPLETED", hangupCause = "NORMAL_CLEARING", sipStatus: number | null = null) => {
    const callId = `CA${randomBytes(16).toString("hex")}`;
    await db.query(
      `INSERT INTO "Call" (id, "tenantId", direction, status, "from", "to", currency, "queuedAt", "endedAt", "updatedAt")
       VALUES ($2, $3, 'OUTBOUND_API', $4::"CallStatus", '+14155550100', '+15005550100', $5, ${AT}, ${AT}, now())`,
      [endedAt, callId, tenantId, status, CURRENCY],
    );
    await db.query(
      `INSERT INTO "CallRecord" (id, "callId", "tenantId", direction, "from", "to", status, "startedAt", "endedAt", "durationSeconds", billsec, "hangupCause", "sipStatus",
         "ratePerMinuteMicros", "billingIncrementSeconds", "billableSeconds", "costMicros", currency)
       VALUES ($2, $3, $4, 'OUTBOUND_API', '+14155550100', '+15005550100', $5::"CallStatus", ${AT}, ${AT}, $6, $6, $7, $8, 14000, 60, $6, $9, $10)`,
      [endedAt, `cdr_e2e${randomBytes(8).toString("hex")}`, callId, tenantId, status, billableSeconds, hangupCause, sipStatus, costMicros, CURRENCY],
    );
  };
  // 4.50 of usage in the range and the run-rate: 3.50 by One (100,002 billed minutes), 0.50 each by Two and Gone.
  await call(ids.one, utc(1, 10), 6_000_000, 2_500_000);
  await call(ids.one, utc(2, 10), 120, 1_000_000);
  await call(ids.two, utc(2, 11), 60, 500_000);
  await call(ids.gone, utc(3, 9), 60, 500_000);
  await call(ids.one, new Date(Date.now() - 5 * MINUTE_MS).toISOString(), 0, 0, "FAILED", "RECOVERY_ON_TIMER_EXPIRE", 408);
}

/** A sample for every minute of the last 24 hours this spec's app has not sampled itself: ok, but for two spells. */
async function seedHealthHistory() {
  const now = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
  const minutes = Array.from({ length: 24 * 60 - 2 }, (_, i) => now - (i + 2) * MINUTE_MS);
  const ago = (m: number) => (now - m) / MINUTE_MS;
  await e2eDatabase().query(
    `INSERT INTO "HealthSample" (minute, "takenAt", "databaseUp", "databaseLatencyMs", "workersFresh", "switchLinksUp", "liveCalls", "webhooksDelivered", "webhooksFailed",
       "outboxBacklog", "outboxOldestAgeSeconds", "apiRequests", "apiErrors", "apiP95Ms", "apiWindowSeconds")
     SELECT (to_timestamp(m / 1000.0) AT TIME ZONE 'UTC'), (to_timestamp(m / 1000.0) AT TIME ZONE 'UTC'), true, 1.5 + (m / 60000) % 7, 1, 1, (m / 60000) % 11, 20, 0,
       CASE WHEN d BETWEEN 351 AND 360 THEN 40 ELSE 0 END, CASE WHEN d BETWEEN 351 AND 360 THEN 120 END,
       100, CASE WHEN d BETWEEN 171 AND 180 THEN 80 ELSE 1 END, 40 + (m / 60000) % 13, 60
     FROM unnest($1::bigint[], $2::int[]) AS s(m, d)
     ON CONFLICT (minute) DO NOTHING`,
    [minutes, minutes.map(ago)],
  );
}

/** Light and dark at desktop width, and a phone's width; charts are given a moment to lay out again after a resize. */
async function screenshots(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: "light" });
  await page.waitForTimeout(1000);
  await page.screenshot({ path: `test-results/${name}-light.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `test-results/${name}-dark.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(1000);
  // Nothing wider than the phone: wide tables scroll inside their cards.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `test-results/${name}-phone.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test.beforeAll(async () => {
  await seedRevenue();
  await seedHealthHistory();
});

test.afterAll(async () => {
  await closeE2eDatabase();
});

test("usage and revenue show the seeded tenants' figures, export them as CSV, and an owner's plan fee moves MRR", async ({ page, request }) => {
  expect((await request.get("/admin/revenue/export?kind=daily")).status()).toBe(403);
  await signInStaffMember(page, await createStaffMember("OWNER"));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Usage and revenue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Usage and revenue" })).toBeVisible();
  await page.getByRole("tablist", { name: "Date range" }).getByRole("tab", { name: "7 days" }).click();

  const money = (amount: string) => `${CURRENCY} ${amount}`;
  await expect(page.getByText(money("4.50")).first()).toBeVisible();
  const recurring = page.getByLabel(`Recurring revenue in ${CURRENCY}`);
  await expect(recurring).toContainText(`Active tenants2 (${CURRENCY})`);
  await expect(recurring).toContainText(`MRR${money("104.50")}`);
  await expect(recurring).toContainText(`MRR (plans)${money("100.00")}`);
  await expect(recurring).toContainText(`Usage run-rate${money("4.50")}`);
  await expect(recurring).toContainText(`ARPU${money("52.25")}`);

  const top = page.getByRole("row", { name: new RegExp(names.one) });
  await expect(top).toContainText("100,002");
  await expect(top).toContainText(money("3.50"));
  await expect(top.getByRole("link", { name: names.one })).toHaveAttribute("href", `/admin/tenants/${ids.one}`);
  await screenshots(page, "admin-revenue");

  const csv = await page.request.get("/admin/revenue/export?kind=daily&days=7&rankBy=minutes");
  expect(csv.status()).toBe(200);
  const [header, ...rows] = (await csv.text()).trim().split("\n").map((line) => line.split(","));
  const column = header!.indexOf(`revenue_${CURRENCY}`);
  expect(column).toBeGreaterThan(0);
  expect(rows).toHaveLength(7);
  expect(rows.map((r) => r[column])).toEqual(["0.000000", "0.000000", "0.000000", "0.500000", "1.500000", "2.500000", "0.000000"]);

  await page.getByRole("button", { name: `Edit the monthly fee of ${names.plan}` }).click();
  const dialog = page.getByRole("dialog", { name: `Monthly fee of ${names.plan}` });
  await dialog.getByLabel("Monthly fee").fill("-3");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText("an amount like 49 or 19.99")).toBeVisible();
  await dialog.getByLabel("Monthly fee").fill("150");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(recurring).toContainText(`MRR${money("154.50")}`);
  await expect(recurring).toContainText(`ARPU${money("77.25")}`);
});

test("system health shows the seeded history's degraded and down spells, the failed call, and API traffic", async ({ page }) => {
  await signInStaffMember(page, await createStaffMember("SUPPORT"));
  await page.goto("/admin/revenue");
  await expect(page.getByText("Monthly recurring revenue")).toBeVisible();
  // Support staff read the plans but do not edit their fees.
  await expect(page.getByRole("button", { name: `Edit the monthly fee of ${names.plan}` })).toHaveCount(0);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "System health" }).click();
  await expect(page.getByRole("img", { name: /^Status history: ok/ })).toBeVisible();
  await expect(page.locator('[title*="down: 80% of API requests failed"]').first()).toBeAttached();
  await expect(page.locator('[title*="degraded: outbox 120 s behind"]').first()).toBeAttached();

  const failure = page.getByRole("list", { name: "Recent failures" }).getByRole("listitem").filter({ hasText: "RECOVERY_ON_TIMER_EXPIRE, SIP 408" });
  await expect(failure.getByRole("link", { name: names.one })).toHaveAttribute("href", `/admin/tenants/${ids.one}`);
  await expect(page.getByRole("table", { name: "API traffic by route" })).toContainText("trpc/admin.usage");

  await page.getByRole("tablist", { name: "History range" }).getByRole("tab", { name: "7 days" }).click();
  await expect(page.locator('[title*="down: 80% of API requests failed"]').first()).toBeAttached();
  await page.getByRole("tablist", { name: "History range" }).getByRole("tab", { name: "24 hours" }).click();
  await screenshots(page, "admin-health");
});
