// Settings → Channels (WhatsApp, Slack, Telegram, Discord and Teams cards): an owner connects a WhatsApp Business number (a
// bad phone number id refused beside its field), sees it connected with only the token's last four, and disconnects it;
// connects a Telegram bot against the Bot API stand-in (scripts/e2e.ts) and disconnects it; connects a Teams bot (a
// secret Microsoft's token endpoint refuses is shown beside its field; the stand-in knows E2E_TEAMS_BOT), sees its
// messaging endpoint and disconnects it; the empty states, dark mode and a phone-width screen are photographed.
import { expect, test, type Page } from "@playwright/test";
import { E2E_TEAMS_BOT } from "../../src/test/teams-stand-in";
import { shootSchemes } from "../helpers/screenshots";
import { signUpNewTenant } from "../helpers/tenant";

async function shoot(page: Page, name: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/channels-${name}-${scheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test("an owner connects a WhatsApp number and disconnects it", async ({ page }) => {
  await signUpNewTenant(page);
  await page.getByRole("link", { name: "Channels" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Channels" })).toBeVisible();
  await expect(page.getByText("No WhatsApp number connected")).toBeVisible();
  // Slack: nothing installed; "Add to Slack" needs the platform's Slack app (not configured in e2e).
  await expect(page.getByText("No Slack workspace")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add to Slack" })).toBeVisible();
  await shoot(page, "empty");

  await page.getByRole("button", { name: "Connect WhatsApp number" }).click();
  const dialog = page.getByRole("dialog", { name: "Connect a WhatsApp number" });
  await dialog.getByRole("textbox", { name: "Phone number", exact: true }).fill("+14155550177");
  await dialog.getByLabel("Phone number ID").fill("not-digits");
  await dialog.getByLabel("WhatsApp Business Account ID").fill("102290129340398");
  await dialog.getByLabel("Access token").fill("EAAG-e2e-system-user-token-WXYZ");
  await dialog.getByRole("button", { name: "Connect" }).click();
  await expect(dialog.getByText(/Meta's phone number id/)).toBeVisible();
  await dialog.getByLabel("Phone number ID").fill("106540352242922");
  await dialog.getByRole("button", { name: "Connect" }).click();
  await expect(dialog).toBeHidden();

  const list = page.getByRole("list", { name: "WhatsApp numbers" });
  const row = list.getByRole("listitem").filter({ hasText: "+14155550177" });
  await expect(row).toContainText("Connected");
  await expect(row).toContainText("••••WXYZ");
  await expect(page.getByText("EAAG-e2e-system-user-token-WXYZ")).toHaveCount(0);
  await shoot(page, "connected");
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, "connected-phone");
  await page.setViewportSize({ width: 1280, height: 800 });

  await row.getByRole("button", { name: "Disconnect +14155550177" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByText("No WhatsApp number connected")).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, "empty-phone");
});

test("an owner connects a Telegram bot by its token and disconnects it", async ({ page }) => {
  const token = process.env.E2E_TELEGRAM_BOT_TOKEN!;
  await signUpNewTenant(page);
  await page.getByRole("link", { name: "Channels" }).first().click();
  await expect(page.getByText("No Telegram bot")).toBeVisible();
  await expect(page.getByText("No Discord application")).toBeVisible();

  await page.getByRole("button", { name: "Connect Telegram bot" }).click();
  const dialog = page.getByRole("dialog", { name: "Connect a Telegram bot" });
  await dialog.getByLabel("Bot token").fill("12345");
  await dialog.getByRole("button", { name: "Connect" }).click();
  await expect(dialog.getByText(/a bot token from @BotFather/)).toBeVisible();
  // A well-formed token Telegram does not know: refused beside the field.
  await dialog.getByLabel("Bot token").fill("7000000999:AAE-unknown-token-0000000000000000");
  await dialog.getByRole("button", { name: "Connect" }).click();
  await expect(dialog.getByText(/Telegram does not know this bot token/)).toBeVisible();
  await dialog.getByLabel("Bot token").fill(token);
  await dialog.getByRole("button", { name: "Connect" }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole("list", { name: "Telegram bots" }).getByRole("listitem").filter({ hasText: "@irisx_e2e_bot" });
  await expect(row).toContainText("Connected");
  await expect(row).toContainText("Bot id 7000000777");
  await expect(row).toContainText("••••WXYZ");
  await expect(row).toContainText("/api/webhooks/telegram/7000000777");
  await expect(page.getByText(token)).toHaveCount(0);
  // The bot's webhook is served: without Telegram's secret header 401, with a wrong one 403.
  const update = { update_id: 1, message: { message_id: 1, from: { id: 42, is_bot: false, first_name: "Ada" }, chat: { id: 42, type: "private" }, date: 1, text: "hi" } };
  expect((await page.request.post("/api/webhooks/telegram/7000000777", { data: update })).status()).toBe(401);
  expect((await page.request.post("/api/webhooks/telegram/7000000777", { data: update, headers: { "X-Telegram-Bot-Api-Secret-Token": "forged" } })).status()).toBe(403);
  expect((await page.request.post("/api/webhooks/discord/1000000000000000001", { data: { type: 1 } })).status()).toBe(404);
  await page.evaluate(() => window.scrollTo(0, 0));
  await shoot(page, "telegram-connected");
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, "telegram-connected-phone");
  await page.setViewportSize({ width: 1280, height: 800 });

  await row.getByRole("button", { name: "Disconnect @irisx_e2e_bot" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByText("No Telegram bot")).toBeVisible();
});

test("an owner connects a Teams bot and disconnects it", async ({ page }) => {
  await signUpNewTenant(page);
  await page.getByRole("link", { name: "Channels" }).first().click();
  await expect(page.getByText("No Teams bot")).toBeVisible();

  await page.getByRole("button", { name: "Connect Teams bot" }).click();
  const dialog = page.getByRole("dialog", { name: "Connect a Teams bot" });
  await dialog.getByLabel("Name").fill("Support bot");
  await dialog.getByLabel("Microsoft App ID").fill(E2E_TEAMS_BOT.appId);
  // Left empty: a multi-tenant bot (botframework.com).
  await expect(dialog.getByLabel("App tenant ID")).toHaveValue("");
  await dialog.getByLabel("Client secret").fill("not-the-secret-value");
  await dialog.getByRole("button", { name: "Connect" }).click();
  await expect(dialog.getByText(/Microsoft refused the credentials \(invalid_client/)).toBeVisible();
  await page.screenshot({ path: "test-results/channels-teams-refused-light.png" });
  await dialog.getByLabel("Client secret").fill(E2E_TEAMS_BOT.secret);
  await dialog.getByRole("button", { name: "Connect" }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole("list", { name: "Teams bots" }).getByRole("listitem").filter({ hasText: "Support bot" });
  await expect(row).toContainText("Connected");
  await expect(row).toContainText("••••WXYZ");
  await expect(row).toContainText(`/api/webhooks/teams/${E2E_TEAMS_BOT.appId}`);
  await expect(page.getByText(E2E_TEAMS_BOT.secret)).toHaveCount(0);
  await expect(row).toContainText("tenant botframework.com");
  // The messaging endpoint is served: without the Bot Framework's bearer token 401.
  const activity = { type: "message", id: "1", channelId: "msteams", serviceUrl: "https://smba.trafficmanager.net/amer/", from: { id: "29:1" }, conversation: { id: "a:1" }, text: "hi" };
  expect((await page.request.post(`/api/webhooks/teams/${E2E_TEAMS_BOT.appId}`, { data: activity })).status()).toBe(401);
  await expect(page.getByText("Support bot connected")).toBeHidden();
  await shootSchemes(page, "channels-teams-connected");

  await row.getByRole("button", { name: "Disconnect Support bot" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByText("No Teams bot")).toBeVisible();
});
