// Contacts in a real browser: a new workspace sees the empty state, defines a custom field, imports a CSV through
// the wizard (columns guessed and mapped, the upload streamed, the progress bar filled by the job) with bad rows
// listed by row and field and downloadable as CSV; the list finds an imported contact by phone and by tag; its page
// shows identities, fields and a call from its number on the timeline, and takes a note. Shot in light, dark and
// phone width.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { newSid } from "../../src/server/shared/ids";
import { closeE2eDatabase, e2eDatabase, ownerOf } from "../helpers/database";
import { shootSchemes as shoot } from "../helpers/screenshots";
import { signUpNewTenant } from "../helpers/tenant";

test.afterAll(closeE2eDatabase);

const CSV = [
  "Name,Mobile,Email,Tags,Plan",
  "Ada Lovelace,+1 415 555 0181,ada@engine.test,vip;customer,pro",
  "Grace Hopper,+14155550182,grace@navy.test,customer,free",
  "Bad Phone,12345,bad@x.test,,free",
  "Linus,+14155550184,linus@kernel.test,lead,gold",
  "Margaret,+14155550185,margaret@apollo.test,lead,",
].join("\n");

test("contacts: custom field, CSV import with an error report, search, detail with timeline and notes", async ({ page }) => {
  test.setTimeout(120_000);
  const account = await signUpNewTenant(page);
  const { tenantId } = await ownerOf(account.email);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts" }).click();
  await expect(page).toHaveURL(/\/contacts$/);
  await expect(page.getByText("No contacts yet")).toBeVisible();
  await shoot(page, "contacts-empty");

  // A select field the import fills.
  await page.getByRole("navigation", { name: "Contacts" }).getByRole("link", { name: "Custom fields" }).click();
  await page.getByLabel("Label").fill("Plan");
  await page.getByLabel("Type").selectOption("SELECT");
  await page.getByLabel("Options (comma separated)").fill("free, pro");
  await page.getByRole("button", { name: "Add field" }).click();
  await expect(page.getByText("plan", { exact: true })).toBeVisible();
  await shoot(page, "contacts-fields");

  await page.getByRole("navigation", { name: "Contacts" }).getByRole("link", { name: "Import" }).click();
  await page.getByLabel("CSV file").setInputFiles({ name: "crm.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
  // Guessed from the header; Plan mapped by hand to the custom field.
  await expect(page.getByLabel("Mobile")).toHaveValue("identity:PHONE");
  await expect(page.getByLabel("Email")).toHaveValue("identity:EMAIL");
  await page.getByLabel("Plan").selectOption("field:plan");
  await shoot(page, "contacts-import-mapping");
  await page.getByRole("button", { name: "3. Start import" }).click();
  await expect(page.getByText("Import finished")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByTestId("rows-processed")).toHaveText("5");
  await expect(page.getByTestId("rows-failed")).toHaveText("2");
  const errors = page.getByRole("list", { name: "Rows with errors" });
  await expect(errors.getByRole("listitem")).toHaveText(["Row 4, Mobile: phone must be an E.164 phone number (+14155550123)", "Row 5, Plan: plan must be one of free, pro"]);
  await shoot(page, "contacts-import-done");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download error report" }).click();
  const report = await readFile(await (await download).path(), "utf8");
  expect(parse(report, { columns: true })).toEqual([
    { row: "4", field: "Mobile", message: "phone must be an E.164 phone number (+14155550123)" },
    { row: "5", field: "Plan", message: "plan must be one of free, pro" },
  ]);

  // A call from Ada's number, for her timeline.
  await e2eDatabase().query(`INSERT INTO "Call" (id, "tenantId", direction, status, "from", "to", "durationSeconds", "updatedAt") VALUES ($1, $2, 'INBOUND', 'COMPLETED', '+14155550181', '+15005550006', 42, now())`, [newSid("CA"), tenantId]);

  await page.getByRole("link", { name: "See contacts" }).click();
  await expect(page.getByRole("link", { name: "Ada Lovelace" })).toBeVisible();
  await page.getByLabel("Search").fill("+1 (415) 555-0182");
  await expect(page.getByRole("link", { name: "Grace Hopper" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ada Lovelace" })).toBeHidden();
  await page.getByLabel("Search").fill("");
  await page.getByLabel("Tags").fill("vip");
  await expect(page.getByRole("link", { name: "Ada Lovelace" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Grace Hopper" })).toBeHidden();
  await shoot(page, "contacts-list");

  await page.getByRole("link", { name: "Ada Lovelace" }).click();
  await expect(page.getByRole("heading", { name: "Ada Lovelace" })).toBeVisible();
  await expect(page.getByText("ada@engine.test")).toBeVisible();
  await expect(page.getByLabel("Plan")).toHaveValue("pro");
  await expect(page.getByRole("list", { name: "Timeline" }).getByText("Call from +14155550181")).toBeVisible();
  await page.getByPlaceholder("Add a note").fill("Prefers calls after 3pm");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText("Prefers calls after 3pm")).toBeVisible();
  await shoot(page, "contacts-detail");
});
