// Reads links out of mails the app "sent". The e2e app has no RESEND_API_KEY, so every mail lands in the dev
// mailbox (/dev/mailbox); in production mode only platform staff may read it (is-dev-mailbox-enabled.ts), so
// this signs in as the seeded staff user in a browser context of its own and leaves the caller's alone.
import { expect, type Browser } from "@playwright/test";
import { signIn } from "./tenant";

// Created by the demo seed (src/server/dev/seed-demo.ts), which the e2e runner applies.
export const STAFF = { email: "staff@irisx.local", password: "demo-password-123" };

/** The href of the first link matching `href` in the newest mail to `to`; waits for the mail to arrive. */
export async function linkFromMailbox(browser: Browser, to: string, href: RegExp): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, STAFF.email, STAFF.password);
    await page.goto("/dev/mailbox");
    await expect(page.getByRole("heading", { level: 1, name: "Dev mailbox" })).toBeVisible();
    const link = page
      .getByRole("article", { name: new RegExp(`, to ${escapeRegExp(to)}$`) })
      .first()
      .getByRole("link", { name: href })
      .first();
    // The page polls every 5 s by itself; Refresh asks at once.
    await expect(async () => {
      await page.getByRole("button", { name: "Refresh" }).click();
      await expect(link).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 15_000 });
    const url = await link.getAttribute("href");
    expect(url).toBeTruthy();
    return url!;
  } finally {
    await context.close();
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
