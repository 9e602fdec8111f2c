// Templates and sending domains in a real browser: a new workspace's empty template lists, an SMS template with a
// variable previewed with a sample value, an email template written in the TipTap editor with a variable inserted
// at the cursor, a WhatsApp template pending approval; then a sending domain whose DNS check fails until the
// records it shows are published (on the runner's local DNS server), and an address checked by its MX. Shots of
// each page in light, dark and phone width.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { closeE2eDatabase, e2eDatabase } from "../helpers/database";
import { shootSchemes as shoot } from "../helpers/screenshots";
import { signUpNewTenant } from "../helpers/tenant";

test.afterAll(closeE2eDatabase);

async function publish(name: string, entry: object) {
  const res = await fetch(`${process.env.E2E_DNS_CONTROL_URL}/records/${encodeURIComponent(name)}`, { method: "PUT", body: JSON.stringify(entry) });
  expect(res.status).toBe(204);
}

test("templates for SMS, email and WhatsApp are written, previewed and listed", async ({ page }) => {
  test.setTimeout(120_000);
  await signUpNewTenant(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Templates" }).click();
  await expect(page).toHaveURL(/\/templates$/);
  await expect(page.getByText("No SMS templates yet")).toBeVisible();
  await shoot(page, "templates-empty");

  // SMS: the preview fills the variable with its sample value as it is typed.
  await page.getByRole("button", { name: "New SMS template" }).click();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Order shipped");
  await page.getByRole("textbox", { name: "Text" }).fill("Hi {{first_name}}, order {{order_id}} has shipped.");
  await expect(page.getByTestId("preview-sms")).toHaveText("Hi [first_name], order [order_id] has shipped.");
  await page.getByRole("group", { name: "Sample values" }).getByRole("textbox").first().fill("Ada");
  await expect(page.getByTestId("preview-sms")).toHaveText("Hi Ada, order [order_id] has shipped.");
  await shoot(page, "templates-sms-editor");
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByRole("button", { name: "Order shipped" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "{{first_name}} {{order_id}}" })).toBeVisible();

  // Email: rich text in TipTap, a variable inserted where the cursor is, the HTML preview with the sample value.
  await page.getByRole("tab", { name: "Email" }).click();
  await expect(page.getByText("No Email templates yet")).toBeVisible();
  await page.getByRole("button", { name: "New Email template" }).click();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Welcome");
  await page.getByRole("textbox", { name: "Subject" }).fill("Welcome aboard");
  const body = page.getByRole("textbox", { name: "Email body" });
  await body.click();
  await page.keyboard.type("Hello ");
  await page.getByRole("textbox", { name: "Variable name" }).fill("first_name");
  await body.click();
  await page.keyboard.press("End");
  await page.getByRole("button", { name: "Insert variable" }).click();
  await body.press("End");
  await page.keyboard.type("!");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Bold" }).click();
  await page.keyboard.type("Thanks for joining.");
  await expect(body).toContainText("Hello {{first_name}}!");
  await expect(body.locator("strong")).toHaveText("Thanks for joining.");
  await page.getByRole("group", { name: "Sample values" }).getByRole("textbox").first().fill("Grace & co");
  const frame = page.frameLocator('iframe[title="Email preview"]');
  await expect(frame.locator("body")).toContainText("Hello Grace & co!");
  await expect(frame.locator("strong")).toHaveText("Thanks for joining.");
  await page.getByRole("button", { name: "Fill plain text from HTML" }).click();
  await expect(page.getByRole("textbox", { name: "Plain-text body" })).toHaveValue("Hello {{first_name}}!\nThanks for joining.");
  await page.locator('iframe[title="Email preview"]').screenshot({ path: "test-results/templates-email-preview-frame.png" });
  await shoot(page, "templates-email-editor");
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByRole("button", { name: "Welcome" })).toBeVisible();
  const saved = await e2eDatabase().query<{ html: string }>(`SELECT html FROM "MessageTemplate" WHERE name = 'Welcome' ORDER BY "createdAt" DESC LIMIT 1`);
  expect(saved.rows[0]!.html).toBe("<p>Hello {{first_name}}!</p><p><strong>Thanks for joining.</strong></p>");

  // WhatsApp: a missing name is refused in place; saved, it is pending Meta's approval.
  await page.getByRole("tab", { name: "WhatsApp" }).click();
  await page.getByRole("button", { name: "New WhatsApp template" }).click();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Order Update");
  await page.getByRole("textbox", { name: "Body" }).fill("Your order {{1}} ships {{2}}.");
  await page.getByRole("textbox", { name: "Quick-reply buttons" }).fill("Track order\nTalk to us");
  await expect(page.getByTestId("preview-whatsapp")).toContainText("Your order [1] ships [2].");
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByText(/lower-case letters, digits and underscores only/).first()).toBeVisible();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("order_update");
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByRole("button", { name: "order_update" })).toBeVisible();
  await expect(page.getByText("Pending", { exact: true })).toBeVisible();
  await shoot(page, "templates-whatsapp-list");
});

test("a sending domain fails its DNS check until its records are published, then verifies; an address is checked", async ({ page }) => {
  test.setTimeout(120_000);
  await signUpNewTenant(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sending domains" }).click();
  await expect(page).toHaveURL(/\/settings\/sending-domains$/);
  await expect(page.getByText("No sending domains yet")).toBeVisible();
  await shoot(page, "sending-domains-empty");

  const domain = `mail-${randomBytes(3).toString("hex")}.e2e.example`;
  await page.getByRole("textbox", { name: "Domain" }).fill("not a domain");
  await page.getByRole("button", { name: "Add domain" }).click();
  await expect(page.getByText("a domain name such as mail.example.com")).toBeVisible();
  await page.getByRole("textbox", { name: "Domain" }).fill(domain);
  await page.getByRole("button", { name: "Add domain" }).click();
  const card = page.getByTestId(`domain-${domain}`);
  await expect(card.getByText("Not checked yet")).toBeVisible();
  await expect(card.getByText(`irisx._domainkey.${domain}`)).toBeVisible();

  await publish(domain, { TXT: ["v=spf1 include:_spf.example.net ~all"] });
  await card.getByRole("button", { name: "Check DNS" }).click();
  await expect(card.getByText("Needs DNS changes")).toBeVisible();
  await expect(card.getByText("the SPF record does not include _spf.irisx.local")).toBeVisible();
  await expect(card.getByText("v=spf1 include:_spf.example.net include:_spf.irisx.local ~all")).toBeVisible();
  await expect(card.getByText("Fail", { exact: true })).toHaveCount(3);
  await shoot(page, "sending-domains-failing");

  // Publish exactly what the card shows.
  const values = await card.locator("dd code").allTextContents();
  const hosts = [domain, `irisx._domainkey.${domain}`, `_dmarc.${domain}`];
  const records = await Promise.all(hosts.map(async (h) => values[values.indexOf(h) + 1]!));
  await publish(domain, { TXT: [records[0]], MX: [{ priority: 10, exchange: `mx.${domain}` }] });
  await publish(`irisx._domainkey.${domain}`, { TXT: [records[1]] });
  await publish(`_dmarc.${domain}`, { TXT: [records[2]] });
  await card.getByRole("button", { name: "Check DNS" }).click();
  await expect(card.getByText("Verified")).toBeVisible();
  await expect(card.getByText("Pass", { exact: true })).toHaveCount(3);
  await expect(card.getByText(/^Checked /)).toBeVisible();

  await page.getByRole("textbox", { name: "Email address" }).fill(`ada@${domain}`);
  await page.getByRole("button", { name: "Check", exact: true }).click();
  await expect(page.getByTestId("address-result")).toContainText(`mail for ${domain} goes to mx.${domain}`);
  await shoot(page, "sending-domains-verified");
});
