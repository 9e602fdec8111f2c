// Phone numbers in the portal: a new workspace starts with none, searches the platform's number provider (the
// e2e stack's stand-in of Twilio's number API; a malformed search is explained), buys one, configures its
// handlers and gateway on its own page, sees the changes in the table, then releases it. A number the workspace
// owns elsewhere becomes a caller ID through a verification call that says a code (the simulator's far end hears
// it), and the test-call dialog then offers it. The calls page of a new workspace shows its empty state.
import { expect, test, type Page } from "@playwright/test";
import { signUpNewTenant } from "../helpers/tenant";

const SIM = process.env.E2E_SIM_CONTROL_URL;

test("a phone number is searched for, bought, configured, listed and released", async ({ page }) => {
  await signUpNewTenant(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Numbers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Phone numbers" })).toBeVisible();
  await expect(page.getByText("No phone numbers yet")).toBeVisible();
  await expect(page.getByText("No caller IDs yet")).toBeVisible();

  await page.getByRole("button", { name: "Buy a number" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Buy a phone number" });
  await expect(dialog.getByRole("button", { name: "Buy number" })).toBeDisabled();
  await expect(dialog.getByText("Choose a number first")).toBeVisible();
  await dialog.getByLabel("Area code").fill("4x5");
  await dialog.getByRole("button", { name: "Search" }).click();
  await expect(dialog.getByText("The search did not work")).toBeVisible();
  await expect(dialog.getByText(/2 to 5 digits/)).toBeVisible();

  await dialog.getByLabel("Area code").fill("415");
  await dialog.getByRole("button", { name: "Search" }).click();
  const offers = dialog.getByRole("radiogroup", { name: "Available numbers" }).getByRole("radio");
  await expect(offers.first()).toBeVisible();
  const display = ((await offers.first().locator("span").first().textContent()) ?? "").trim();
  expect(display).toMatch(/^\+1 415 555 \d{4}$/);
  const e164 = `+${display.replace(/\D/g, "")}`;
  const digits = e164.slice(-4);
  await offers.first().click();
  await expect(offers.first()).toHaveAttribute("aria-checked", "true");
  await dialog.getByLabel("Friendly name").fill("Support line");
  await page.screenshot({ path: "test-results/buy-number-dialog.png" });
  await dialog.getByRole("button", { name: `Buy ${display}` }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole("row", { name: display });
  await expect(row).toContainText("Support line");
  await expect(row).toContainText("Voice");
  await expect(row).toContainText("Bought · Twilio");

  // Bought numbers are not offered again.
  await page.getByRole("button", { name: "Buy a number" }).first().click();
  await dialog.getByLabel("Area code").fill("415");
  await dialog.getByRole("button", { name: "Search" }).click();
  await expect(offers.first()).toBeVisible();
  await expect(dialog.getByRole("radio", { name: new RegExp(display.replace(/\+/g, "\\+")) })).toHaveCount(0);
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await row.getByRole("link", { name: `Configure ${e164}` }).click();
  await expect(page).toHaveURL(/\/numbers\/PN[0-9a-f]{32}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(display);
  await page.getByLabel("Voice URL", { exact: true }).fill("https://example.com/irisx/voice");
  await page.getByLabel("Status callback URL", { exact: true }).fill("https://example.com/irisx/status");
  await page.getByLabel("Carrier gateway").fill("Main Gateway");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(/lower-case letters, digits/)).toBeVisible();
  await page.getByLabel("Carrier gateway").fill("twilio");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Number saved")).toBeVisible();

  await page.getByRole("link", { name: "Phone numbers" }).click();
  const configured = page.getByRole("row", { name: display });
  await expect(configured).toContainText("https://example.com/irisx/voice");
  await expect(configured).toContainText("twilio");

  // Search by digits.
  await page.getByRole("searchbox", { name: "Search phone numbers" }).fill(`555 ${digits}`);
  await expect(page.getByRole("row", { name: display })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search phone numbers" }).fill("no such line");
  await expect(page.getByText("No matching numbers")).toBeVisible();

  // Released after a confirmation: the workspace has no numbers again.
  await page.getByRole("searchbox", { name: "Search phone numbers" }).fill("");
  await page.getByRole("row", { name: display }).getByRole("link", { name: `Configure ${e164}` }).click();
  await page.getByRole("button", { name: "Release number" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Release ${display}?` });
  await confirm.getByRole("button", { name: "Release number" }).click();
  await expect(page).toHaveURL(/\/numbers$/);
  await expect(page.getByText("No phone numbers yet")).toBeVisible();
});

test("the calls page of a new workspace shows its empty state and the test-call button", async ({ page }) => {
  await signUpNewTenant(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calls" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Calls" })).toBeVisible();
  await expect(page.getByText("No calls yet")).toBeVisible();
  await expect(page.getByRole("button", { name: "Make a test call" }).first()).toBeVisible();

  // Without a number there is no caller id: the dialog says so and links to the numbers page.
  await page.getByRole("button", { name: "Make a test call" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Make a test call" });
  await expect(dialog.getByText(/buy a voice number or verify one you own first/)).toBeVisible();
  await dialog.getByRole("link", { name: "Go to phone numbers" }).click();
  await expect(page).toHaveURL(/\/numbers$/);
});

/** The code the simulator's far end heard on the verification call to `e164`. */
async function heardCode(e164: string): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(
      async () => {
        const res = await fetch(`${SIM}/heard?to=${encodeURIComponent(e164)}`);
        const { heard } = (await res.json()) as { heard: { text: string }[] };
        code = heard.map((h) => /your code is ((?:\d, ){5}\d)/i.exec(h.text)?.[1]).findLast(Boolean)?.replace(/, /g, "");
        return code;
      },
      { timeout: 20_000 },
    )
    .toMatch(/^\d{6}$/);
  return code!;
}

async function verifyCallerId(page: Page, e164: string): Promise<void> {
  await page.getByRole("button", { name: "Verify a caller ID" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Verify a caller ID" });
  await dialog.getByLabel("Phone number").fill(e164);
  await dialog.getByLabel("Name").fill("Head office");
  await dialog.getByRole("button", { name: "Call me with a code" }).click();
  const codeDialog = page.getByRole("dialog", { name: /^Verify \+1/ });
  await expect(codeDialog.getByText(/ringing|Listen for the 6 digits|The call ended|Placing the call/)).toBeVisible();
  const code = await heardCode(e164);
  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
  await codeDialog.getByLabel("Code").fill(wrong);
  await codeDialog.getByRole("button", { name: "Verify" }).click();
  await expect(codeDialog.getByText(/incorrect code \(4 attempts left\)/)).toBeVisible();
  await page.screenshot({ path: "test-results/verify-caller-id-dialog.png" });
  await codeDialog.getByLabel("Code").fill(code);
  await codeDialog.getByRole("button", { name: "Verify" }).click();
  await expect(codeDialog).toBeHidden();
}

test("a number owned elsewhere becomes a caller ID through a call that says a code, and test calls may use it", async ({ page }) => {
  expect(SIM, "E2E_SIM_CONTROL_URL is set by scripts/e2e.ts").toBeTruthy();
  await signUpNewTenant(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Numbers" }).click();
  const e164 = `+1646555${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`;
  await verifyCallerId(page, e164);
  const row = page.getByRole("region", { name: "Verified caller IDs" }).getByRole("row", { name: /Head office/ });
  await expect(row).toContainText("Verified");
  await page.screenshot({ path: "test-results/caller-ids.png", fullPage: true });

  // The verification call is on the calls page, its code withheld.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calls" }).click();
  await page.getByRole("button", { name: "Make a test call" }).first().click();
  const call = page.getByRole("dialog", { name: "Make a test call" });
  await call.getByRole("combobox", { name: "From" }).click();
  await expect(page.getByRole("option", { name: /Head office/ })).toBeVisible();
});
