// The staff member the admin specs use (ops@irisx.local, seeded without a second factor): the first spec enrols
// TOTP through /admin's set-up and keeps the secret in test-results, later sign-ins compute codes from it, one time
// step each (a code is never accepted twice), or spend a recovery code.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { generate } from "otplib";

export const OPS = { email: "ops@irisx.local", password: "demo-password-123" };
const STATE = path.join(process.cwd(), "test-results", ".ops-totp.json");
const PERIOD = 30;

interface OpsState {
  secret: string;
  recoveryCodes: string[];
  lastStep: number;
}

export const readOpsState = (): OpsState | null => (existsSync(STATE) ? (JSON.parse(readFileSync(STATE, "utf8")) as OpsState) : null);
function writeOpsState(state: OpsState): void {
  mkdirSync(path.dirname(STATE), { recursive: true });
  writeFileSync(STATE, JSON.stringify(state));
}

/** A code for a time step not used yet (the current one or the next; waits when both are spent). */
async function freshCode(state: OpsState): Promise<string> {
  for (;;) {
    const now = Math.floor(Date.now() / 1000);
    const step = Math.max(Math.floor(now / PERIOD), state.lastStep + 1);
    if (step <= Math.floor(now / PERIOD) + 1) {
      writeOpsState({ ...state, lastStep: step });
      state.lastStep = step;
      return generate({ secret: state.secret, epoch: step * PERIOD });
    }
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

async function submitPassword(page: Page): Promise<void> {
  await page.goto("/sign-in?callbackUrl=/admin");
  await page.getByLabel("Email").fill(OPS.email);
  await page.getByLabel("Password").fill(OPS.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs ops in with the password and the given code (an authenticator code or a recovery code). */
export async function signInOpsWith(page: Page, code: string): Promise<void> {
  await submitPassword(page);
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Enrols ops's second factor through /admin when it has none yet (a retried run reuses the saved secret). */
export async function ensureOpsEnrolled(page: Page): Promise<OpsState> {
  const saved = readOpsState();
  if (saved) return saved;
  await submitPassword(page);
  await page.waitForURL((url) => url.pathname.startsWith("/admin"));
  await expect(page.getByRole("heading", { level: 1, name: "Two-factor authentication required" })).toBeVisible();
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const secret = ((await page.getByLabel("Set-up key", { exact: true }).textContent()) ?? "").trim();
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await expect(page.getByRole("img", { name: "QR code to scan with an authenticator app" })).toBeVisible();
  await page.getByLabel("Code from the app").fill("000000");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText(/that code does not match/)).toBeVisible();
  const step = Math.floor(Date.now() / 1000 / PERIOD);
  await page.getByLabel("Code from the app").fill(await generate({ secret, epoch: step * PERIOD }));
  await page.getByRole("button", { name: "Turn on" }).click();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const recoveryCodes = (await list.getByRole("listitem").allTextContents()).map((c) => c.trim());
  const state = { secret, recoveryCodes, lastStep: step };
  writeOpsState(state);
  await page.screenshot({ path: "test-results/staff-two-factor-enrolment.png" });
  await page.getByRole("button", { name: "Sign out and sign in again" }).click();
  await page.waitForURL(/\/sign-in/);
  return state;
}

/** Signs ops in with a fresh authenticator code and lands on /admin. */
export async function signInOps(page: Page): Promise<void> {
  const state = await ensureOpsEnrolled(page);
  await signInOpsWith(page, await freshCode(state));
  await page.waitForURL((url) => url.pathname.startsWith("/admin"), { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Tenants" })).toBeVisible();
}
