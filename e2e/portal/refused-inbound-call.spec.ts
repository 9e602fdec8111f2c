// A call to a number with nothing to answer it is not lost: it shows in Calls as the workspace's failed call, and
// its page says why it was refused. The e2e runner starts the switch simulator; its control API rings the number.
import { expect, test } from "@playwright/test";
import { addPhoneNumber, signUpNewTenant } from "../helpers/tenant";

test("an inbound call to a number with no voice URL is listed as failed and its page gives the reason", async ({ page }) => {
  const control = process.env.E2E_SIM_CONTROL_URL;
  if (!control) throw new Error("E2E_SIM_CONTROL_URL is not set: run the specs through `npm run test:e2e`");
  await signUpNewTenant(page);

  const { e164: did } = await addPhoneNumber(page, "629");

  const rang = await fetch(`${control}/calls`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ from: "+14155550123", to: did }) });
  expect(rang.status).toBe(201);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calls" }).click();
  const row = page.getByRole("row", { name: new RegExp(`from \\+1 415 555 0123`) });
  await expect(row).toContainText("Failed", { timeout: 15_000 });
  await row.getByRole("link").click();
  await expect(page).toHaveURL(/\/calls\/CA[0-9a-f]{32}$/);
  await expect(page.getByText("SERVICE_UNAVAILABLE").first()).toBeVisible();
  await expect(page.getByText(/no voice URL or flow to answer calls/)).toBeVisible();
  await page.screenshot({ path: "test-results/refused-inbound-call.png", fullPage: true });
});
