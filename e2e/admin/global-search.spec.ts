// The /admin global search (Cmd/Ctrl-K) and the server-side tenants list, by keyboard, with a staff member of this
// spec's own (its second factor enrolled in the database; ops@irisx.local's time steps belong to access.spec.ts).
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { closeE2eDatabase, e2eDatabase } from "../helpers/database";
import { createStaffMember, signInStaffMember, type StaffMember } from "../helpers/staff-member";

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

/** Two tenants named alike (one exactly the word, one starting with it), and a call of the second. */
async function seedTenants() {
  const word = `Kestrel${hex(3)}`;
  const ids = [`tn_e2e${hex(10)}`, `tn_e2e${hex(10)}`];
  const names = [`${word} Freight`, `${word} Freight Partners`];
  for (const [i, id] of ids.entries()) {
    await e2eDatabase().query(`INSERT INTO "Tenant" (id, name, slug, "updatedAt") VALUES ($1, $2, $3, (now() AT TIME ZONE 'UTC'))`, [id, names[i], `${word.toLowerCase()}-${i}`]);
  }
  const callId = `CA${hex(16)}`;
  await e2eDatabase().query(
    `INSERT INTO "Call" (id, "tenantId", direction, status, "from", "to", "statusCallbackEvents", "updatedAt") VALUES ($1, $2, 'OUTBOUND_API', 'COMPLETED', '+15005550006', '+15005550100', '{}', (now() AT TIME ZONE 'UTC'))`,
    [callId, ids[1]],
  );
  return { word, ids, names, callId };
}

async function openSearch(page: Page) {
  await page.keyboard.press("Control+k");
  const dialog = page.getByRole("dialog", { name: "Search the platform" });
  await expect(dialog).toBeVisible();
  const box = dialog.getByRole("combobox", { name: "Search the platform" });
  await expect(box).toBeFocused();
  return { dialog, box };
}

// A staff member per test: a code is accepted once per time step, and tests of one worker follow each other closely.
let staff: StaffMember;
test.beforeEach(async () => {
  staff = await createStaffMember("SUPPORT");
});
test.afterAll(async () => {
  await closeE2eDatabase();
});

test("Ctrl-K opens the search; typing, the arrows and Enter land on the tenant's page", async ({ page }) => {
  const seeded = await seedTenants();
  await page.emulateMedia({ colorScheme: "light" });
  await signInStaffMember(page, staff);

  const { dialog, box } = await openSearch(page);
  await expect(dialog.getByText("Type at least 2 characters")).toBeVisible();
  await box.pressSequentially(seeded.names[0]!);
  const options = dialog.getByRole("option");
  await expect(options.first()).toContainText(seeded.names[0]!);
  await expect(options.first()).toContainText("exact name");
  await expect(options.nth(1)).toContainText(seeded.names[1]!);
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await page.screenshot({ path: "test-results/admin-global-search-light.png" });

  await page.keyboard.press("ArrowDown");
  await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(box).toHaveAttribute("aria-activedescendant", (await options.nth(1).getAttribute("id"))!);
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  // Wrapped past the top to the last hit, then back down to the second.
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await page.waitForURL(new RegExp(`/admin/tenants/${seeded.ids[1]}$`));
  await expect(dialog).toBeHidden();

  // A call's sid leads to its tenant; Escape closes without going anywhere.
  const again = await openSearch(page);
  await again.box.fill(seeded.callId);
  await expect(again.dialog.getByRole("option").first()).toContainText(seeded.callId);
  await page.keyboard.press("Escape");
  await expect(again.dialog).toBeHidden();
  await page.getByRole("button", { name: "Search" }).click();
  const third = page.getByRole("dialog", { name: "Search the platform" });
  await third.getByRole("combobox").fill(seeded.callId.toLowerCase());
  await expect(third.getByRole("option").first()).toContainText("exact sid");
  await page.keyboard.press("Enter");
  await page.waitForURL(new RegExp(`/admin/tenants/${seeded.ids[1]}$`));

  // Nothing found says so.
  const none = await openSearch(page);
  await none.box.fill(`zz${hex(6)}qq`);
  await expect(none.dialog.getByText(/Nothing matches/)).toBeVisible();
});

test("the palette in the dark theme and on a phone-sized screen", async ({ page }) => {
  const seeded = await seedTenants();
  await page.emulateMedia({ colorScheme: "dark" });
  await signInStaffMember(page, staff);
  const { dialog, box } = await openSearch(page);
  await box.fill(seeded.word);
  await expect(dialog.getByRole("option")).toHaveCount(2);
  await page.screenshot({ path: "test-results/admin-global-search-dark.png" });
  await page.keyboard.press("Escape");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "light" });
  await page.getByRole("button", { name: "Search" }).click();
  const phone = page.getByRole("dialog", { name: "Search the platform" });
  await phone.getByRole("combobox").fill(seeded.word);
  await expect(phone.getByRole("option")).toHaveCount(2);
  await page.screenshot({ path: "test-results/admin-global-search-phone.png" });
  await phone.getByRole("option").nth(1).click();
  await page.waitForURL(new RegExp(`/admin/tenants/${seeded.ids[1]}$`));
});

test("the tenants list searches, sorts and pages on the server, its state in the address", async ({ page }) => {
  const seeded = await seedTenants();
  await page.emulateMedia({ colorScheme: "light" });
  // An operator: the rows carry their actions (limits, numbers, suspend, credit), as staff who act see them.
  await signInStaffMember(page, await createStaffMember("OPERATOR"));

  await page.getByLabel("Search", { exact: true }).fill(seeded.word);
  await page.waitForURL((url) => url.searchParams.get("q") === seeded.word);
  await expect(page.getByText("2 tenants match")).toBeVisible();
  const byName = page.getByRole("button", { name: "Tenant", exact: true });
  await byName.click();
  await page.waitForURL((url) => url.searchParams.get("sort") === "name" && url.searchParams.get("dir") === "asc");
  const rows = page.getByRole("row");
  await expect(rows.nth(1)).toContainText(seeded.names[0]!);
  // Descending is the default direction: the address leaves it out.
  await byName.click();
  await page.waitForURL((url) => url.searchParams.get("sort") === "name" && !url.searchParams.has("dir"));
  await expect(rows.nth(1)).toContainText(seeded.names[1]!);
  await page.screenshot({ path: "test-results/admin-tenants-list.png", fullPage: true });

  // The address alone restores the list (a bookmark, a colleague's link).
  await page.reload();
  await expect(page.getByLabel("Search", { exact: true })).toHaveValue(seeded.word);
  await expect(rows.nth(1)).toContainText(seeded.names[1]!);
  await page.getByRole("link", { name: seeded.names[0], exact: true }).click();
  await page.waitForURL(new RegExp(`/admin/tenants/${seeded.ids[0]}$`));
  await page.goBack();
  await expect(page.getByText("2 tenants match")).toBeVisible();

  await page.getByLabel("Usage").click();
  await page.getByRole("option", { name: "Called in the last 30 days" }).click();
  await page.waitForURL((url) => url.searchParams.get("usage") === "active");
  await expect(rows.nth(1)).toContainText(seeded.names[1]!);
  await expect(page.getByText("1 tenant matches")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await page.waitForURL((url) => !url.searchParams.has("q") && !url.searchParams.has("usage"));
  await expect(page.getByText(/^\d+ tenants$/)).toBeVisible();
  await expect(page.locator("[aria-busy]")).toHaveCount(0);

  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "test-results/admin-tenants-list-dark.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/admin-tenants-list-phone.png", fullPage: true });
});
