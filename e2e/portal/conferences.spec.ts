// The conferences pages: a clear empty state, the live and past rooms (seeded as the worker writes them), a room's
// participants muted from the portal (the change is handed to the room's switch as a request), in light and dark
// and at phone width.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { closeE2eDatabase, e2eDatabase } from "../helpers/database";
import { signUpNewTenant } from "../helpers/tenant";

test.afterAll(closeE2eDatabase);

const sid = (prefix: string) => prefix + randomBytes(16).toString("hex");

async function seedRooms(email: string) {
  const db = e2eDatabase();
  const { rows } = await db.query<{ tenantId: string }>(`SELECT m."tenantId" FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1`, [email]);
  const tenantId = rows[0]!.tenantId;
  const calls = [sid("CA"), sid("CA"), sid("CA")];
  for (const id of calls) {
    await db.query(
      `INSERT INTO "Call" (id, "tenantId", direction, status, "from", "to", "statusCallbackEvents", "answeredAt", "updatedAt") VALUES ($1, $2, 'INBOUND', 'IN_PROGRESS', '+14155550100', '+14155550111', '{}', now(), now())`,
      [id, tenantId],
    );
  }
  const live = sid("CF");
  const past = sid("CF");
  await db.query(
    `INSERT INTO "Conference" (id, "tenantId", "friendlyName", room, status, "switchId", "statusCallbackEvents", "startedAt", "createdAt", "updatedAt") VALUES ($1, $2, 'standup', $3, 'IN_PROGRESS', 'fs-e2e', '{}', now(), now(), now())`,
    [live, tenantId, `${tenantId}-standup`],
  );
  await db.query(
    `INSERT INTO "Conference" (id, "tenantId", "friendlyName", room, status, "reasonEnded", "statusCallbackEvents", "startedAt", "endedAt", "createdAt", "updatedAt") VALUES ($1, $2, 'retro', $3, 'COMPLETED', 'participant-with-end-conference-on-exit-left', '{}', now() - interval '1 hour', now() - interval '20 minutes', now() - interval '1 hour', now())`,
    [past, tenantId, `${tenantId}-retro`],
  );
  const participant = (callId: string, memberId: number, extra: { label?: string; host?: boolean; muted?: boolean }) =>
    db.query(
      `INSERT INTO "ConferenceParticipant" (id, "tenantId", "conferenceId", "callId", label, status, muted, "endConferenceOnExit", "memberId", "joinedAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, 'CONNECTED', $6, $7, $8, now(), now())`,
      [`cfp_${randomBytes(8).toString("hex")}`, tenantId, live, callId, extra.label ?? null, extra.muted ?? false, extra.host ?? false, memberId],
    );
  await participant(calls[0]!, 1, { label: "host", host: true });
  await participant(calls[1]!, 2, { muted: true });
  await participant(calls[2]!, 3, {});
  return { tenantId, live, calls };
}

test("conferences: empty state, live and past rooms, a participant muted from the room's page", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  const account = await signUpNewTenant(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Conferences" }).click();
  await expect(page.getByRole("heading", { name: "No conference is running" })).toBeVisible();
  await page.screenshot({ path: "test-results/conferences-empty.png", fullPage: true });

  const { live, calls } = await seedRooms(account.email);
  // The live list refreshes by itself.
  await expect(page.getByRole("link", { name: /standup/ })).toBeVisible({ timeout: 10_000 });
  await page.screenshot({ path: "test-results/conferences-live.png", fullPage: true });
  await page.getByRole("tab", { name: "Past" }).click();
  await expect(page.getByRole("link", { name: /retro/ })).toBeVisible();
  await expect(page.getByText("The host left")).toBeVisible();
  await page.screenshot({ path: "test-results/conferences-past.png", fullPage: true });
  await page.getByRole("tab", { name: "Live" }).click();

  await page.getByRole("link", { name: /standup/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "standup" })).toBeVisible();
  const third = page.getByRole("row").filter({ hasText: calls[2]! });
  await expect(third.getByText("In the room")).toBeVisible();
  await third.getByRole("button", { name: "Mute" }).click();
  await expect(third.getByText("Muted")).toBeVisible();
  const { rows } = await e2eDatabase().query<{ action: string }>(`SELECT action FROM "ConferenceRequest" WHERE "conferenceId" = $1`, [live]);
  expect(rows.map((r) => r.action)).toEqual(["mute"]);
  await page.screenshot({ path: "test-results/conference-room-light.png", fullPage: true });

  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "test-results/conference-room-dark.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/conference-room-phone.png", fullPage: true });
  await page.goto("/conferences");
  await expect(page.getByRole("link", { name: /standup/ })).toBeVisible();
  await page.screenshot({ path: "test-results/conferences-phone-dark.png", fullPage: true });
});
