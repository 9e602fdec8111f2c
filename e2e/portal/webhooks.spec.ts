// Webhook endpoints in the portal: create one (its signing secret shown once, then masked behind Reveal),
// switch it off and on, rotate the secret, queue a test event, and have an SSRF target refused both in the form
// and through the REST API. The e2e app exempts 127.0.0.1 from the SSRF guard (WEBHOOK_ALLOW_PRIVATE_HOSTS in
// scripts/e2e.ts) so the endpoint can point at a receiver this spec runs. The e2e app has no Inngest: its embedded
// engine delivers, and the receiver hears the signed test event.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { signUpNewTenant } from "../helpers/tenant";

let receiver: Server;
let hookUrl: string;
const heard: { type: string | undefined; signed: boolean }[] = [];

test.beforeAll(async () => {
  receiver = createServer((req, res) => {
    req.resume();
    heard.push({ type: req.headers["irisx-event-type"] as string | undefined, signed: typeof req.headers["irisx-signature"] === "string" });
    req.on("end", () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});

test.afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

test("a webhook endpoint is created with a one-time secret, toggled, re-keyed and sent a test event", async ({ page }) => {
  await signUpNewTenant(page);
  await page.goto("/settings/webhooks");
  // The header has the button; the empty list repeats it. Either opens the same dialog.
  await page.getByRole("button", { name: "Add endpoint" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Add webhook endpoint" });
  await dialog.getByLabel("Endpoint URL").fill(hookUrl);
  await dialog.getByRole("checkbox", { name: /^All events/ }).check();
  await dialog.getByRole("button", { name: "Add endpoint" }).click();

  // Shown once, in the dialog.
  const created = page.getByRole("dialog", { name: "Endpoint added" });
  const secret = ((await created.getByRole("group", { name: "Signing secret" }).locator("code").textContent()) ?? "").trim();
  expect(secret).toMatch(/^whsec_\S{20,}$/);
  await created.getByRole("button", { name: "Done" }).click();
  await expect(created).toBeHidden();
  await expect(page.getByText(secret)).toHaveCount(0);

  await page.getByRole("link", { name: hookUrl }).click();
  await expect(page).toHaveURL(/\/settings\/webhooks\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(hookUrl);

  // Masked on the detail page until revealed.
  const secretGroup = page.getByRole("group", { name: "Signing secret" });
  await expect(page.getByText(/^whsec_•+$/)).toBeVisible();
  await expect(secretGroup).toHaveCount(0);
  await expect(page.getByText(secret)).toHaveCount(0);
  await page.getByRole("button", { name: "Reveal" }).click();
  await expect(secretGroup.locator("code")).toHaveText(secret);
  await page.getByRole("button", { name: "Hide" }).click();
  await expect(secretGroup).toHaveCount(0);

  // Off and on again.
  const sendTest = page.getByRole("button", { name: "Send test event" });
  await page.getByRole("switch", { name: "Enabled" }).click();
  await expect(page.getByRole("switch", { name: "Disabled" })).not.toBeChecked();
  await expect(sendTest).toBeDisabled();
  await page.getByRole("switch", { name: "Disabled" }).click();
  await expect(page.getByRole("switch", { name: "Enabled" })).toBeChecked();
  await expect(sendTest).toBeEnabled();

  // A rotated secret replaces the old one, also for later reveals.
  await page.getByRole("button", { name: "Rotate" }).click();
  await page.getByRole("alertdialog", { name: "Rotate the signing secret?" }).getByRole("button", { name: "Rotate secret" }).click();
  await expect(secretGroup.locator("code")).toHaveText(/^whsec_\S{20,}$/);
  const rotated = ((await secretGroup.locator("code").textContent()) ?? "").trim();
  expect(rotated).not.toBe(secret);
  await page.reload();
  await page.getByRole("button", { name: "Reveal" }).click();
  await expect(secretGroup.locator("code")).toHaveText(rotated);

  await sendTest.click();
  await expect(page.getByText("Test event queued; it appears in the delivery log within seconds")).toBeVisible();
  // Delivered for real by the app's own engine (no Inngest here), within seconds, signed.
  await expect.poll(() => heard.filter((h) => h.type === "webhook.test").length, { timeout: 15_000 }).toBeGreaterThan(0);
  expect(heard.find((h) => h.type === "webhook.test")?.signed).toBe(true);

  await page.goto("/settings/webhooks");
  await expect(page.getByText("Deliveries are run by this IRISX server itself")).toBeVisible();
  await page.screenshot({ path: "test-results/webhooks-engine.png" });
});

test("an endpoint URL aimed at the cloud metadata address is refused, in the form and through the API", async ({ page, request }) => {
  await signUpNewTenant(page);
  await page.goto("/settings/webhooks");
  await page.getByRole("button", { name: "Add endpoint" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Add webhook endpoint" });
  const url = dialog.getByLabel("Endpoint URL");
  await url.fill("https://169.254.169.254/latest/meta-data/");
  await dialog.getByRole("checkbox", { name: /^All events/ }).check();
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  await expect(url).toHaveAttribute("aria-invalid", "true");
  await expect(url).toHaveAccessibleDescription(/not allowed: 169\.254\.169\.254 is a linkLocal address/);
  await expect(dialog.getByText(/not allowed: 169\.254\.169\.254/)).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("No webhook endpoints yet")).toBeVisible();

  // The REST API refuses the same URL with its JSON error shape, naming the field.
  await page.goto("/settings/api-keys");
  await page.getByRole("button", { name: "Create API key" }).first().click();
  const keyDialog = page.getByRole("dialog");
  await keyDialog.getByRole("textbox", { name: "Name" }).fill("webhook admin");
  await keyDialog.getByRole("checkbox", { name: /^webhooks:write/ }).check();
  await keyDialog.getByRole("button", { name: "Create key" }).click();
  const bearer = ((await keyDialog.getByRole("group", { name: "Bearer token" }).locator("code").textContent()) ?? "").trim();
  expect(bearer).toMatch(/^irx_/);
  const headers = { authorization: `Bearer ${bearer}` };

  const refused = await request.post("/api/v1/webhook-endpoints", { headers, data: { url: "https://169.254.169.254/latest/meta-data/", event_types: ["*"] } });
  expect(refused.status()).toBe(400);
  expect(await refused.json()).toEqual({
    error: {
      code: "VALIDATION_FAILED",
      message: expect.stringContaining("169.254.169.254"),
      details: [{ field: "url", message: expect.stringContaining("not allowed") }],
    },
  });

  const malformed = await request.post("/api/v1/webhook-endpoints", { headers, data: { url: "not a url", event_types: ["*"] } });
  expect(malformed.status()).toBe(400);
  expect(await malformed.json()).toEqual({
    error: { code: "VALIDATION_FAILED", message: expect.stringContaining("url"), details: [expect.objectContaining({ field: "url" })] },
  });

  // Nothing was created on the way.
  await page.goto("/settings/webhooks");
  await expect(page.getByText("No webhook endpoints yet")).toBeVisible();
});
