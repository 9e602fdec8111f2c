// Screenshots to look at: a page in the light and dark schemes and, unless told otherwise, dark at phone width
// (390×844), each from the top (the shell's sticky header would otherwise be drawn over a scrolled page).
import type { Page } from "@playwright/test";

export async function shootSchemes(page: Page, name: string, opts: { phone?: boolean } = {}): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/${name}-${scheme}.png`, fullPage: true });
  }
  if (opts.phone !== false) await shootPhone(page, name);
  await page.emulateMedia({ colorScheme: "light" });
}

/** The page dark at phone width, then back to the viewport it had. */
export async function shootPhone(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `test-results/${name}-phone-dark.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });
  if (size) await page.setViewportSize(size);
}
