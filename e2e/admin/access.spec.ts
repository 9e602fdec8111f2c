// /admin is for platform staff only.
import { expect, test } from "@playwright/test";
import { signIn, signUpNewTenant } from "../helpers/tenant";

const STAFF = { email: "staff@irisx.local", password: "demo-password-123" };

test("platform staff sign in and reach the admin console", async ({ page }) => {
  await signIn(page, STAFF.email, STAFF.password);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("a tenant user is turned away from the admin console", async ({ page }) => {
  await signUpNewTenant(page);
  const response = await page.goto("/admin");
  // Either a redirect out of /admin or a refusal page; never the console itself.
  const url = new URL(page.url());
  const refused = !url.pathname.startsWith("/admin") || (response?.status() ?? 200) >= 400;
  expect(refused).toBe(true);
});
