// The edges of the production build, as a browser and an HTTP client meet them: security headers on pages and APIs
// (a nonce-based Content-Security-Policy that the pages' own scripts satisfy and an injected script does not), JSON
// answers in each surface's shape for malformed percent-encoding, unknown paths and unsupported methods.
import { expect, test } from "@playwright/test";

test("pages carry a nonce-based policy their own scripts satisfy; an injected script is blocked", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto("/sign-in");
  const headers = res!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("microphone=()");
  // The page's own scripts ran (React hydrated: the form works) and nothing was refused.
  await page.getByLabel("Email").fill("nobody@example.test");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  expect(violations).toEqual([]);
  // Markup injected into the page (a stored XSS) cannot run script: its inline handler is refused.
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img src="/no-such-image.png" onerror="window.__injected = true">'));
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected === true)).toBe(false);
  expect(violations.length).toBeGreaterThan(0);
  // A second request gets another nonce.
  const again = await page.request.get("/sign-in");
  expect(again.headers()["content-security-policy"]).not.toBe(headers["content-security-policy"]);
});

test("the microphone is allowed only where the softphone lives", async ({ request }) => {
  const desktop = await request.get("/desktop", { maxRedirects: 0 });
  expect(desktop.headers()["permissions-policy"]).toContain("microphone=(self)");
});

test("the APIs allow nothing to run or frame them, and answer malformed paths, unknown paths and methods in their own JSON", async ({ request }) => {
  const account = await request.get("/api/v1/account");
  expect(account.status()).toBe(401);
  expect(account.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
  expect(account.headers()["x-content-type-options"]).toBe("nosniff");

  for (const path of ["/api/v1/calls/%ZZ", "/calls/%ZZ", "/api/v1/calls/%E0%A4%A"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "BAD_REQUEST" } });
  }
  const twilioMalformed = await request.get("/2010-04-01/Accounts/%ZZ/Calls.json");
  expect(twilioMalformed.status()).toBe(400);
  expect(await twilioMalformed.json()).toMatchObject({ code: 20001, status: 400 });

  const unknown = await request.get("/api/v1/no-such-thing");
  expect(unknown.status()).toBe(404);
  expect(await unknown.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  const twilioUnknown = await request.post("/2010-04-01/Accounts/AC123/Nothing.json");
  expect(twilioUnknown.status()).toBe(404);
  expect(await twilioUnknown.json()).toMatchObject({ code: 20404, status: 404 });

  const wrongMethod = await request.put("/api/v1/calls");
  expect(wrongMethod.status()).toBe(405);
  expect(wrongMethod.headers()["allow"]).toBe("GET, POST");
  expect(await wrongMethod.json()).toMatchObject({ error: { code: "METHOD_NOT_ALLOWED" } });
  const twilioWrongMethod = await request.delete("/2010-04-01/Accounts/AC123/Calls.json");
  expect(twilioWrongMethod.status()).toBe(405);
  expect(await twilioWrongMethod.json()).toMatchObject({ code: 20004, status: 405 });
});

test("session cookies are Secure when the app is reached over https (behind a TLS proxy), whatever NEXTAUTH_URL says", async ({ playwright, baseURL }) => {
  // A fresh client each time: one holding the first answer's cookie would be sent no new one.
  const setCookies = async (headers: Record<string, string>) => {
    const client = await playwright.request.newContext({ baseURL });
    try {
      return (await client.get("/api/auth/csrf", { headers })).headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
    } finally {
      await client.dispose();
    }
  };
  const overHttps = await setCookies({ "x-forwarded-proto": "https" });
  expect(overHttps.length).toBeGreaterThan(0);
  for (const c of overHttps) expect(c).toMatch(/;\s*Secure/i);
  const overHttp = await setCookies({});
  expect(overHttp.length).toBeGreaterThan(0);
  for (const c of overHttp) expect(c).not.toMatch(/;\s*Secure/i);
});
