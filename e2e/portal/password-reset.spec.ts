// Forgotten password: the reset link arrives by mail, sets a new password that works while the old one stops
// working, and is single-use.
import { expect, test } from "@playwright/test";
import { linkFromMailbox } from "../helpers/mailbox";
import { signIn, signOut, signUpNewTenant } from "../helpers/tenant";

test("a mailed reset link sets a new password once; the old password stops working", async ({ page, browser }) => {
  const account = await signUpNewTenant(page);
  const newPassword = "brand-new-password-789";
  await signOut(page);

  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("Email").fill(account.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Check your inbox" })).toContainText(account.email);

  const resetLink = await linkFromMailbox(browser, account.email, /\/reset-password\?token=/);

  await page.goto(resetLink);
  await page.getByLabel("New password").fill(newPassword);
  await page.getByLabel("Confirm password").fill(newPassword);
  await page.getByRole("button", { name: "Set new password" }).click();
  await page.waitForURL((url) => url.pathname === "/sign-in" && url.searchParams.get("reset") === "1");
  await expect(page.getByText("Your password was changed. Sign in with the new one.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(account.email);

  // The old password is refused…
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Incorrect email or password" })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);

  // …and the new one signs in.
  await page.getByLabel("Password").fill(newPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`Welcome, ${account.name.split(" ")[0]}`) })).toBeVisible();

  // The same link a second time is refused and changes nothing.
  await signOut(page);
  await page.goto(resetLink);
  await page.getByLabel("New password").fill("yet-another-password-000");
  await page.getByLabel("Confirm password").fill("yet-another-password-000");
  await page.getByRole("button", { name: "Set new password" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "This reset link is invalid, already used or expired." });
  await expect(refusal).toBeVisible();
  await expect(refusal.getByRole("link", { name: "Ask for a new link" })).toBeVisible();
  await expect(page).toHaveURL(/\/reset-password\?token=/);

  await signIn(page, account.email, newPassword);
  await expect(page).toHaveURL((url) => url.pathname === "/");
});
