// A newcomer's first minutes: sign up, land on the dashboard, invite a teammate, create an API key, use it
// against the REST API, revoke it, and see the API refuse it.
import { expect, test } from "@playwright/test";
import { signUpNewTenant, uniqueEmail } from "../helpers/tenant";

test("a new user signs up, invites a teammate and manages an API key that works until revoked", async ({ page, request }) => {
  const account = await signUpNewTenant(page);

  // Invite a teammate: the invitation is listed as pending.
  const teammate = uniqueEmail("teammate");
  await page.goto("/settings/team");
  await page.getByRole("button", { name: "Invite teammate" }).click();
  const inviteDialog = page.getByRole("dialog", { name: "Invite a teammate" });
  await inviteDialog.getByLabel("Email").fill(teammate);
  await inviteDialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(inviteDialog).toBeHidden();
  const pending = page.getByRole("listitem").filter({ hasText: teammate }).filter({ has: page.getByRole("button", { name: "Revoke" }) });
  await expect(pending).toBeVisible();

  // Create an API key with the default scopes (account, calls, recordings): its bearer token is shown once.
  await page.goto("/settings/api-keys");
  // The header has the button; an empty key list repeats it. Either opens the same dialog.
  await page.getByRole("button", { name: "Create API key" }).first().click();
  const keyDialog = page.getByRole("dialog");
  await keyDialog.getByRole("textbox", { name: "Name" }).fill("e2e key");
  await keyDialog.getByRole("button", { name: "Create key" }).click();
  const token = keyDialog.getByText("Bearer token", { exact: true }).locator("..").locator("code");
  const bearer = ((await token.textContent()) ?? "").trim();
  expect(bearer.length).toBeGreaterThan(20);

  const before = await request.get("/api/v1/account", { headers: { authorization: `Bearer ${bearer}` } });
  expect(before.status()).toBe(200);
  expect(JSON.stringify(await before.json())).toContain(account.companyName);
  // The defaults let the key read calls (and place them: calls:write), as a new developer expects.
  expect((await request.get("/api/v1/calls", { headers: { authorization: `Bearer ${bearer}` } })).status()).toBe(200);

  // Revoke it: the API refuses it from then on.
  await keyDialog.getByRole("button", { name: "I have copied the secret" }).click();
  const row = page.getByRole("row", { name: /e2e key/ });
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(row.getByText("Revoked")).toBeVisible();

  // One app process here: the revoke (a tRPC route) clears the key cache that /api/v1 reads, so the very next
  // request is refused. (Other processes of a multi-instance deployment see it within the cache's few seconds.)
  expect((await request.get("/api/v1/account", { headers: { authorization: `Bearer ${bearer}` } })).status()).toBe(401);
});
