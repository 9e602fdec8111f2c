// A newcomer's first minutes: sign up, land on the dashboard, invite a teammate, create an API key, use it
// against the REST API, revoke it, and see the API refuse it.
import { expect, test } from "@playwright/test";
import { signUpNewTenant, uniqueEmail } from "../helpers/tenant";

test("a new user signs up, invites a teammate and manages an API key that works until revoked", async ({ page, request }) => {
  const account = await signUpNewTenant(page);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // Invite a teammate.
  const teammate = uniqueEmail("teammate");
  await page.goto("/settings/team");
  await page.getByRole("button", { name: /invite/i }).first().click();
  const inviteDialog = page.getByRole("dialog");
  await inviteDialog.getByLabel(/email/i).fill(teammate);
  await inviteDialog.getByRole("button", { name: /(send )?invit/i }).click();
  await expect(page.getByText(teammate)).toBeVisible();

  // Create an API key; the secret is shown once.
  await page.goto("/settings/api-keys");
  await page.getByRole("button", { name: /create (api )?key|new (api )?key/i }).first().click();
  const keyDialog = page.getByRole("dialog");
  await keyDialog.getByLabel(/name/i).fill("e2e key");
  await keyDialog.getByRole("button", { name: /create/i }).click();
  const secret = (await page.getByTestId("api-key-secret").textContent())?.trim() ?? "";
  expect(secret.length).toBeGreaterThan(20);

  const account1 = await request.get("/api/v1/account", { headers: { authorization: `Bearer ${secret}` } });
  expect(account1.status()).toBe(200);
  expect(JSON.stringify(await account1.json())).toContain(account.companyName);

  // Revoke it: the very next call is refused.
  await page.keyboard.press("Escape");
  const row = page.getByRole("row", { name: /e2e key/ });
  await row.getByRole("button", { name: /revoke/i }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: /revoke/i }).click();
  await expect(row.getByText(/revoked/i)).toBeVisible();

  const account2 = await request.get("/api/v1/account", { headers: { authorization: `Bearer ${secret}` } });
  expect(account2.status()).toBe(401);
});
