// Email in the portal's message log: an inbound email with an attachment and our threaded reply show their subject,
// addresses and the attachment's download link; the HTML part renders in a sandboxed frame. Shot in light, dark and
// phone width.
import { expect, test } from "@playwright/test";
import { newId, newSid } from "../../src/server/shared/ids";
import { closeE2eDatabase, e2eDatabase, ownerOf } from "../helpers/database";
import { shootSchemes as shoot } from "../helpers/screenshots";
import { signUpNewTenant } from "../helpers/tenant";

test.afterAll(closeE2eDatabase);

test("email messages show subject, from, to and attachments", async ({ page }) => {
  test.setTimeout(90_000);
  const account = await signUpNewTenant(page);
  const db = e2eDatabase();
  const { tenantId } = await ownerOf(account.email);
  const inbound = newSid("SM");
  const reply = newSid("SM");
  const attachment = newId("ma");
  await db.query(
    `INSERT INTO "Message" (id, "tenantId", channel, direction, status, "from", "to", body, html, subject, cc, "emailMessageId", "threadKey", "mediaUrls", "createdAt", "updatedAt")
     VALUES ($1, $2, 'EMAIL', 'INBOUND', 'RECEIVED', 'bob@example.net', 'support@mail.acme.test', 'Hi, the invoice is attached. Thanks!', '<p>Hi, the <b>invoice</b> is attached.</p>',
       'Invoice for March', ARRAY['carol@example.net'], '<bob-1@example.net>', '<bob-1@example.net>', ARRAY[]::text[], now() - interval '1 minute', now())`,
    [inbound, tenantId],
  );
  await db.query(
    `INSERT INTO "MessageAttachment" (id, "tenantId", "messageId", filename, "contentType", "sizeBytes", storage, "storageKey", "dataKeyId", "createdAt")
     VALUES ($1, $2, $3, 'invoice-march.pdf', 'application/pdf', 48213, 'local', $4, 'none', now())`,
    [attachment, tenantId, inbound, `${tenantId}/attachments/${attachment}.irxr`],
  );
  await db.query(
    `INSERT INTO "Message" (id, "tenantId", channel, direction, status, "from", "to", body, subject, "emailMessageId", "emailInReplyTo", "threadKey", "inReplyToId", "mediaUrls", "priceMicros", "createdAt", "updatedAt")
     VALUES ($1, $2, 'EMAIL', 'OUTBOUND', 'DELIVERED', 'Acme Support <support@mail.acme.test>', 'bob@example.net', 'Thanks Bob, received.', 'Re: Invoice for March', $3, '<bob-1@example.net>', '<bob-1@example.net>', $4, ARRAY[]::text[], 1000, now(), now())`,
    [reply, tenantId, `<${reply}@mail.acme.test>`, inbound],
  );

  await page.goto("/messages");
  const table = page.getByRole("table");
  await expect(table.getByText("Invoice for March", { exact: true })).toBeVisible();
  await expect(table.getByText("Re: Invoice for March")).toBeVisible();
  await expect(table.getByText("bob@example.net").first()).toBeVisible();
  await shoot(page, "messages-email-log", { phone: true });

  await page.goto(`/messages/${inbound}`);
  await expect(page.getByRole("heading", { name: "From bob@example.net" })).toBeVisible();
  await expect(page.getByText("Invoice for March")).toBeVisible();
  await expect(page.getByText("carol@example.net")).toBeVisible();
  const link = page.getByRole("link", { name: "invoice-march.pdf" });
  await expect(link).toHaveAttribute("href", `/api/messages/${inbound}/attachments/${attachment}`);
  await expect(page.frameLocator('iframe[title="Email HTML"]').getByText("invoice")).toBeVisible();
  await shoot(page, "message-email-detail", { phone: true });

  // Another workspace's attachment link is not found for this member.
  const other = await page.request.get(`/api/messages/${inbound}/attachments/${newId("ma")}`);
  expect(other.status()).toBe(404);
});
