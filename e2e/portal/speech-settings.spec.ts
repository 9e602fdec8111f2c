// Settings → Speech: the default voice and recognizer saved, a provider voice previewed in the browser (the e2e
// app's OpenAI is a stand-in that answers with a tone, scripts/e2e.ts), and a tenant's own key: write-only, shown
// by its last four characters, used instead of the platform's (the stand-in refuses it), and removed again.
import { expect, test, type Page } from "@playwright/test";
import { signUpNewTenant } from "../helpers/tenant";

async function shoot(page: Page, name: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/speech-settings-${name}-${scheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test("an owner chooses a voice, previews it, and brings and removes their own provider key", async ({ page }) => {
  await signUpNewTenant(page);
  await page.getByRole("link", { name: "Speech" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Speech" })).toBeVisible();

  // flite is the default, and the switch speaks it: no preview here.
  const voice = page.getByLabel("Default voice");
  await expect(voice).toHaveValue("");
  await expect(page.getByRole("button", { name: "Preview" })).toBeDisabled();

  // A provider voice: previewed in the browser with the platform's key.
  await voice.fill("openai.alloy");
  await page.getByRole("button", { name: "Preview" }).click();
  const player = page.getByRole("group", { name: "Voice preview" }).or(page.getByLabel("Voice preview"));
  await expect(player).toBeVisible();
  expect(await player.evaluate((el) => new Promise<number>((resolve) => {
    const audio = el as HTMLAudioElement;
    if (audio.readyState >= 1) resolve(audio.duration);
    else audio.addEventListener("loadedmetadata", () => resolve(audio.duration), { once: true });
  }))).toBeGreaterThan(0.1);
  await page.getByRole("heading", { level: 1, name: "Speech" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/speech-settings-preview.png" });

  await page.getByRole("combobox", { name: /Speech recognition/ }).click();
  await page.getByRole("option", { name: /^Deepgram/ }).click();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Speech settings saved")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Default voice")).toHaveValue("openai.alloy");
  await expect(page.getByRole("combobox", { name: /Speech recognition/ })).toContainText("Deepgram");
  await shoot(page, "voice");

  // An unknown voice is refused beside the field.
  await page.getByLabel("Default voice").fill("Robot.Marvin");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/is not a voice/)).toBeVisible();

  // The tenant's own OpenAI key: write-only, and used instead of the platform's.
  const providers = page.getByRole("list", { name: "Speech providers" });
  const openai = providers.getByRole("listitem").filter({ hasText: "OpenAI" });
  await expect(openai).toContainText("Platform key");
  await openai.getByRole("button", { name: "Add your OpenAI key" }).click();
  const dialog = page.getByRole("dialog", { name: "Your OpenAI key" });
  await dialog.getByLabel("API key").fill("sk-tenant-own-key-9876");
  await dialog.getByRole("button", { name: "Save key" }).click();
  await expect(dialog).toBeHidden();
  await expect(openai).toContainText("Your key ••••9876");
  await expect(page.getByText("sk-tenant-own-key-9876")).toHaveCount(0);
  await shoot(page, "keys");

  await page.getByLabel("Default voice").fill("openai.nova");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /OpenAI refused the key/ })).toBeVisible();

  await openai.getByRole("button", { name: "Remove your OpenAI key" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Remove key" }).click();
  await expect(openai).toContainText("Platform key");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /refused the key/ })).toHaveCount(0);
  await expect(player).toBeVisible();

  // The audit log has the key's story, by its last four characters only.
  await page.goto("/settings/audit");
  await expect(page.getByText("speech.key_added").first()).toBeVisible();
  await expect(page.getByText("speech.key_removed").first()).toBeVisible();

  // Phone width.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/settings/speech");
  await expect(page.getByRole("heading", { level: 1, name: "Speech" })).toBeVisible();
  await shoot(page, "phone");
});
