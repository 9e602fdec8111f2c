// The IVR flow builder end to end: a new workspace sees the empty state, creates a flow, adds a menu on the canvas
// (its unconnected options are shown on the node as problems), wires it from the step forms, saves and publishes it,
// assigns it to its number (seen from the number's page too), then places a simulated call with the keypad and
// watches the steps light up to the branch it chose. Screenshots: light and dark, desktop and phone width.
import { expect, test, type Page } from "@playwright/test";
import { addPhoneNumber, signUpNewTenant } from "../helpers/tenant";

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/ivr-flow-${name}.png`, fullPage: true });

test("a flow is built, published, assigned to a number and tried with the keypad", async ({ page }) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1440, height: 1000 });
  await signUpNewTenant(page);
  const number = await addPhoneNumber(page, "646");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "IVR flows" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "IVR flows" })).toBeVisible();
  await expect(page.getByText("No flows yet")).toBeVisible();
  await shot(page, "empty");
  await page.getByRole("button", { name: "Create your first flow" }).click();
  const create = page.getByRole("dialog", { name: "New IVR flow" });
  await create.getByLabel("Name").fill("Main line");
  await create.getByRole("button", { name: "Create flow" }).click();
  await expect(page).toHaveURL(/\/flows\/flow_/);
  await expect(page.getByLabel("Flow name")).toHaveValue("Main line");
  await expect(page.getByTestId("flow-node-greeting")).toBeVisible();

  // A menu from the palette: its two options lead nowhere yet, and the node says so.
  await page.getByRole("toolbar", { name: "Add a step" }).getByRole("button", { name: "Menu" }).click();
  const menu = page.getByTestId("flow-node-menu-1");
  await expect(menu).toHaveAttribute("data-invalid", "true");
  await expect(menu).toContainText("leads nowhere");
  await expect(page.getByRole("button", { name: "Publish" })).toBeDisabled();
  await shot(page, "builder-problems");
  await page.getByLabel("Label").fill("Main menu");
  await page.getByLabel("Prompt", { exact: true }).fill("Press 1 for sales, 2 for support.");

  // A sales message, then everything wired from the forms.
  await page.getByRole("toolbar", { name: "Add a step" }).getByRole("button", { name: "Say / play" }).click();
  await page.getByLabel("Label").fill("Sales");
  await page.getByLabel("Prompt", { exact: true }).fill("Our sales team will call you back.");
  await page.getByLabel("Next (optional)").selectOption({ label: "Goodbye (goodbye)" });
  await menu.click();
  await page.getByLabel("1 · Sales").selectOption({ label: "Sales (say-1)" });
  await page.getByLabel("2 · Support").selectOption({ label: "Goodbye (goodbye)" });
  await expect(menu).not.toHaveAttribute("data-invalid", "true");
  await page.getByTestId("flow-node-greeting").click();
  await page.getByLabel("Next (optional)").selectOption({ label: "Main menu (menu-1)" });
  await expect(page.getByText(/problems? to fix before publishing/)).toHaveCount(0);
  await shot(page, "builder");

  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("Unsaved changes")).toHaveCount(0);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Version 1 published")).toBeVisible();
  await expect(page.getByText("Version 1 live")).toBeVisible();

  await page.getByRole("button", { name: /^Numbers/ }).click();
  const numbers = page.getByRole("dialog", { name: "Numbers answering with this flow" });
  await numbers.getByRole("checkbox").first().check();
  await numbers.getByRole("button", { name: "Save numbers" }).click();
  await expect(numbers).toBeHidden();
  await expect(page.getByRole("button", { name: "Numbers (1)" })).toBeVisible();

  // Try it: the keypad chooses sales; the steps light up along the way.
  await page.getByRole("tab", { name: "Try it" }).click();
  await expect(page.getByText("Simulated call · nothing is dialled")).toBeVisible();
  await page.getByRole("button", { name: "Start simulated call" }).click();
  const heard = page.getByRole("list", { name: "What the caller hears" });
  await expect(heard).toContainText("Thank you for calling.");
  await expect(heard).toContainText("Press 1 for sales, 2 for support.");
  await expect(menu).toHaveAttribute("data-trial", "active");
  await expect(page.getByTestId("flow-node-greeting")).toHaveAttribute("data-trial", "visited");
  await expect(page.getByTestId("flow-node-say-1")).not.toHaveAttribute("data-trial", /./);
  await shot(page, "try-waiting");
  await page.getByRole("button", { name: "Key 1" }).click();
  await expect(heard).toContainText("You pressed 1");
  await expect(heard).toContainText("Our sales team will call you back.");
  await expect(heard).toContainText("Call ended: The flow hung up");
  await expect(page.getByTestId("flow-node-say-1")).toHaveAttribute("data-trial", "visited");
  await expect(page.getByTestId("flow-node-goodbye")).toHaveAttribute("data-trial", "active");
  await expect(menu).toHaveAttribute("data-trial", "visited");
  await shot(page, "try-ended");

  // The timeout path from the button: asked again, then goodbye.
  await page.getByRole("button", { name: "Call again" }).click();
  await expect(page.getByRole("button", { name: /Time out now/ })).toBeEnabled();
  await page.getByRole("button", { name: /Time out now/ }).click();
  await expect(heard).toContainText("Sorry, I did not get that.");

  // Dark mode.
  await page.emulateMedia({ colorScheme: "dark" });
  await shot(page, "try-dark");

  // The number's page names the flow.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Numbers" }).click();
  await page.getByRole("link", { name: `Configure ${number.e164}` }).click();
  await expect(page.getByLabel("Flow", { exact: true })).toHaveValue(/^flow_/);
  await expect(page.getByRole("link", { name: "Open Main line" })).toBeVisible();
  await shot(page, "number-dark");

  // Phone width: the flow is a list of steps.
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("link", { name: "Open Main line" }).click();
  await expect(page.getByRole("list", { name: "Flow steps" })).toBeVisible();
  await expect(page.getByTestId("flow-step-menu-1")).toContainText("1 · Sales → Sales");
  await shot(page, "phone");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/flows");
  await expect(page.getByRole("link", { name: "Main line" })).toBeVisible();
  await shot(page, "list-phone-dark");
});
