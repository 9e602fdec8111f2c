// Messaging in a real browser: a new workspace's messages (one long UCS-2 text in 2 segments) go out through the app's
// embedded sender to the e2e stack's Telnyx stand-in and show Sent with their segments and cost; a customer's STOP
// lands on the opt-out list with the standard reply sent back; the owner adds a number by hand and removes it again.
// The log, a message and the opt-out list are shot in light, dark and phone width.
import { expect, test } from "@playwright/test";
import { randomInt } from "node:crypto";
import { createMessage } from "../../src/server/messages/create-message";
import { receiveInboundMessage } from "../../src/server/messages/receive-inbound-message";
import { closeE2eDatabase, giveTextingNumber, ownerOf } from "../helpers/database";
import { shootSchemes as shoot } from "../helpers/screenshots";
import { signUpNewTenant } from "../helpers/tenant";

test.afterAll(closeE2eDatabase);

test("messages are sent and logged with segments and cost; STOP fills the opt-out list, which the owner edits", async ({ page }) => {
  test.setTimeout(120_000);
  const account = await signUpNewTenant(page);
  const { tenantId, actor } = await ownerOf(account.email);
  const ours = `+1628${randomInt(2_000_000, 9_999_999)}`;
  const customer = `+1415${randomInt(2_000_000, 9_999_999)}`;
  await giveTextingNumber(tenantId, ours);

  await page.goto("/messages");
  await expect(page.getByText("No messages yet")).toBeVisible();

  const long = await createMessage(actor, { to: customer, from: ours, body: "Ваш заказ готов к выдаче. Спасибо, что выбрали нас! Ждём вас снова." }, { surface: "native" });
  await createMessage(actor, { to: "+14155550123", from: ours, body: "Your code is 123456" }, { surface: "native" });
  expect(long.numSegments).toBe(1);

  await page.reload();
  const table = page.getByRole("table");
  await expect(table.getByRole("row")).toHaveCount(3);
  // The embedded sender hands both to the provider stand-in; the log refreshes on its own.
  await expect(table.locator('[data-status="SENT"]')).toHaveCount(2, { timeout: 20_000 });

  // A customer texts STOP: on the opt-out list, and the standard reply goes back.
  await receiveInboundMessage({ provider: "telnyx", eventKey: `e2e-${customer}`, providerMessageId: `in-${customer}`, from: customer, to: ours, body: "STOP", mediaUrls: [] });
  await expect(table.locator('[data-status="RECEIVED"]')).toHaveCount(1, { timeout: 10_000 });
  await expect(table.locator('[data-status="SENT"]')).toHaveCount(3, { timeout: 20_000 });
  await shoot(page, "messages-log");

  // Filters: only the inbound one.
  await page.getByRole("combobox", { name: "Direction" }).click();
  await page.getByRole("option", { name: "Inbound" }).click();
  await expect(table.getByRole("row")).toHaveCount(2);
  await page.getByRole("button", { name: "Clear filters" }).first().click();

  // A message's detail: segments, encoding, cost, provider.
  await page.goto(`/messages/${long.id}`);
  await expect(page.getByText("Ваш заказ готов")).toBeVisible();
  await expect(page.getByText("1 (UCS-2)")).toBeVisible();
  await expect(page.getByText("telnyx", { exact: true })).toBeVisible();
  await shoot(page, "message-detail");

  // The opt-out list: the customer who replied STOP; add one by hand, remove it.
  await page.goto("/messages/opt-outs");
  const list = page.getByRole("table", { name: "Opted-out numbers" });
  await expect(list.getByText("Replied STOP")).toBeVisible();
  await page.getByLabel("Phone number").fill("+14155550199");
  await page.getByLabel("Note (optional)").fill("Asked on a call");
  await page.getByRole("button", { name: "Add to opt-out list" }).click();
  await expect(list.getByText("Asked on a call")).toBeVisible();
  await shoot(page, "messages-opt-outs");
  await page.getByRole("button", { name: "Remove +14155550199 from the opt-out list" }).click();
  await expect(list.getByText("Asked on a call")).toBeHidden();
  // A bad number is refused, naming the field.
  await page.getByLabel("Phone number").fill("12345");
  await page.getByRole("button", { name: "Add to opt-out list" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /address/ })).toBeVisible();

  // A send to the opted-out customer is refused with 21610.
  await expect(createMessage(actor, { to: customer, from: ours, body: "promo" }, { surface: "native" })).rejects.toThrow(/21610/);
});
