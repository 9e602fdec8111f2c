// Usability basics: signing in without a mouse, a dark theme that sticks, and the navigation drawer of the
// phone-sized layout.
import { expect, test } from "@playwright/test";
import { signOut, signUpNewTenant } from "../helpers/tenant";

test("the sign-in form works with the keyboard alone", async ({ page }) => {
  const account = await signUpNewTenant(page);
  await signOut(page);

  await page.goto("/sign-in");
  const email = page.getByLabel("Email");
  const password = page.getByLabel("Password");
  await expect(email).toBeFocused();
  await page.keyboard.type(account.email);
  await page.keyboard.press("Tab");
  await expect(password).toBeFocused();
  await page.keyboard.type(account.password);
  // Shift+Tab goes back without losing what was typed.
  await page.keyboard.press("Shift+Tab");
  await expect(email).toBeFocused();
  await expect(email).toHaveValue(account.email);
  await page.keyboard.press("Tab");
  await expect(password).toHaveValue(account.password);
  await page.keyboard.press("Enter");

  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`Welcome, ${account.name.split(" ")[0]}`) })).toBeVisible();
});

test("the dark theme is switched on from the theme menu and survives a reload", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/sign-in");
  const html = page.locator("html");
  await expect(html).not.toHaveClass(/(^|\s)dark(\s|$)/);

  await page.getByRole("button", { name: "Change theme" }).click();
  await page.getByRole("menuitemradio", { name: "Dark" }).click();
  await expect(html).toHaveClass(/(^|\s)dark(\s|$)/);

  await page.reload();
  await expect(html).toHaveClass(/(^|\s)dark(\s|$)/);
  await page.goto("/sign-up");
  await expect(html).toHaveClass(/(^|\s)dark(\s|$)/);
  await page.getByRole("button", { name: "Change theme" }).click();
  await expect(page.getByRole("menuitemradio", { name: "Dark" })).toBeChecked();

  await page.getByRole("menuitemradio", { name: "Light" }).click();
  await expect(html).not.toHaveClass(/(^|\s)dark(\s|$)/);
  await page.reload();
  await expect(html).not.toHaveClass(/(^|\s)dark(\s|$)/);
});

test.describe("on a phone-sized screen", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the portal's navigation sits behind a menu button that opens a drawer", async ({ page }) => {
    await signUpNewTenant(page);
    const drawer = page.getByRole("dialog", { name: "Navigation" });
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    await expect(drawer).toHaveCount(0);

    await page.getByRole("button", { name: "Open navigation" }).click();
    await expect(drawer).toBeVisible();
    const nav = drawer.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
    for (const label of ["API keys", "Webhooks", "Team", "Audit log", "Settings", "API reference"]) {
      await expect(nav.getByRole("link", { name: label })).toBeVisible();
    }

    // Following a link closes the drawer.
    await nav.getByRole("link", { name: "Team" }).click();
    await expect(page).toHaveURL(/\/settings\/team$/);
    await expect(drawer).toBeHidden();
    await expect(page.getByRole("heading", { level: 1, name: "Team" })).toBeVisible();

    // Escape closes it too, and focus returns to the menu button.
    await page.getByRole("button", { name: "Open navigation" }).click();
    await expect(drawer).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(drawer).toBeHidden();
    await expect(page.getByRole("button", { name: "Open navigation" })).toBeFocused();
  });
});
