// /admin is for platform staff only.
import { expect, test } from "@playwright/test";
import { signIn, signUpNewTenant } from "../helpers/tenant";

// Created by the demo seed (src/server/dev/seed-demo.ts), which the e2e runner applies.
const STAFF = { email: "staff@irisx.local", password: "demo-password-123" };

test("platform staff sign in and reach the admin console", async ({ page }) => {
  await signIn(page, STAFF.email, STAFF.password);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1, name: "Tenants" })).toBeVisible();
});

test("a tenant user is turned away from the admin console", async ({ page }) => {
  await signUpNewTenant(page);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Platform staff only" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Tenants" })).toHaveCount(0);
});

test("an anonymous visitor is sent to sign in", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin|\/sign-in\?callbackUrl=\/admin/);
});

test("platform staff assign a number to a tenant; a taken one names its holder", async ({ page }) => {
  await signIn(page, STAFF.email, STAFF.password);
  await page.goto("/admin");
  const e164 = `+1212555${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`;
  const assign = async () => {
    await page.getByRole("button", { name: /^Assign a number to / }).first().click();
    const dialog = page.getByRole("dialog", { name: /^Assign a number to / });
    await dialog.getByLabel("Phone number").fill(e164);
    await dialog.getByRole("button", { name: "Assign" }).click();
    return dialog;
  };
  const first = await assign();
  await expect(first).toBeHidden();
  await expect(page.getByText(/assigned to/)).toBeVisible();
  const again = await assign();
  await expect(again.getByText(/held by/)).toBeVisible();
  await page.screenshot({ path: "test-results/admin-assign-number.png" });
});
