// Chromium (its fake microphone and camera, sound allowed) with an agent's /desktop open as after signing in: a
// next-auth session cookie for the member, made with the stack's secret.
import { randomUUID } from "node:crypto";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { stackInfo } from "./fixtures";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--use-fake-ui-for-media-stream",
  "--use-fake-device-for-media-stream",
  "--autoplay-policy=no-user-gesture-required",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** A browser context signed in as the user (their session cookie on the stack's app). */
export async function signedInContext(browser: Browser, userId: string, opts: { colorScheme?: "light" | "dark" } = {}): Promise<BrowserContext> {
  const { db } = await import("@/server/db");
  const info = stackInfo();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  const jwt = await encode({ secret: info.secrets.NEXTAUTH_SECRET, token: { id: user.id, email: user.email, name: user.name, isPlatformStaff: false, sessionVersion: user.sessionVersion, mfa: false, sid: randomUUID() } });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: opts.colorScheme ?? "light" });
  await context.addCookies([{ name: "next-auth.session-token", value: jwt, url: info.appUrl }]);
  return context;
}

/** /desktop opened in the context, its line registered ("Line ready"). */
export async function openDesktop(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${stackInfo().appUrl}/desktop`);
  await page.getByTestId("softphone-registration").filter({ hasText: "Line ready" }).waitFor({ timeout: 20_000 });
  return page;
}
