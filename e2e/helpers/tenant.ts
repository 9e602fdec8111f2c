// Each spec signs up its own tenant through the real sign-up page, so no spec depends on another's rows.
import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";

export interface TestAccount {
  name: string;
  email: string;
  password: string;
  companyName: string;
}

export function uniqueEmail(prefix = "owner"): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}@e2e.irisx.test`;
}

export function newAccount(overrides: Partial<TestAccount> = {}): TestAccount {
  const suffix = randomBytes(2).toString("hex");
  return {
    name: `Erin Tester ${suffix}`,
    email: uniqueEmail(),
    password: "e2e-password-123",
    companyName: `E2E Telecom ${suffix}`,
    ...overrides,
  };
}

/** Signs up a new workspace through /sign-up and waits for the portal dashboard (the portal's home, "/"). */
export async function signUpNewTenant(page: Page, account: TestAccount = newAccount()): Promise<TestAccount> {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(account.name);
  await page.getByLabel("Company").fill(account.companyName);
  await page.getByLabel("Work email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  // A refusal (a rate limit, say) fails the spec with the form's message rather than a navigation timeout.
  // Scoped to <main>: Next's route announcer is an alert too.
  const refusal = page.getByRole("main").getByRole("alert").filter({ hasText: /\S/ });
  await Promise.race([
    page.waitForURL((url) => url.pathname === "/", { timeout: 30_000 }),
    refusal.waitFor({ timeout: 30_000 }).then(
      async () => Promise.reject(new Error(`sign-up refused: ${await refusal.first().textContent()}`)),
      () => undefined,
    ),
  ]);
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`Welcome, ${account.name.split(" ")[0]}`) })).toBeVisible();
  return account;
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/sign-in", { timeout: 30_000 });
}

export async function signOut(page: Page): Promise<void> {
  await page.context().clearCookies();
}

/**
 * Buys the first number the platform's number provider offers in `areaCode` (the e2e stack's stand-in of Twilio's
 * number API sells +1<areaCode>555xxxx) through the Numbers page's dialog; returns it and its last 4 digits.
 */
export async function addPhoneNumber(page: Page, areaCode: string): Promise<{ e164: string; digits: string }> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Numbers" }).click();
  await page.getByRole("button", { name: /^Buy (a|your first) number$/ }).first().click();
  const dialog = page.getByRole("dialog", { name: "Buy a phone number" });
  await dialog.getByLabel("Area code").fill(areaCode);
  await dialog.getByRole("button", { name: "Search" }).click();
  const first = dialog.getByRole("radiogroup", { name: "Available numbers" }).getByRole("radio").first();
  const shown = (await first.locator("span").first().textContent()) ?? "";
  const e164 = `+${shown.replace(/\D/g, "")}`;
  await first.click();
  await dialog.getByRole("button", { name: /^Buy \+/ }).click();
  await expect(dialog).toBeHidden();
  return { e164, digits: e164.slice(-4) };
}
