// The voice path end to end in a real browser: a new workspace adds a number, places a recorded test call from the
// portal to a simulator number that answers and hangs up after 5 s, watches the call page move through its statuses
// live (no reload) to Completed with one call record, and plays the recording through the authorized media route.
// The e2e runner starts the worker and the switch simulator beside the app, as `npm run dev` does.
import { expect, test } from "@playwright/test";
import { addPhoneNumber, signUpNewTenant } from "../helpers/tenant";

test("a test call placed from the portal completes and its recording plays", async ({ page }) => {
  test.setTimeout(90_000);
  await signUpNewTenant(page);

  // A caller id of the workspace's own.
  const { digits } = await addPhoneNumber(page, "628");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calls" }).click();
  await expect(page.getByRole("button", { name: "Simulated telephony" })).toBeVisible();
  await page.getByRole("button", { name: "Make a test call" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Make a test call" });
  await dialog.getByRole("combobox", { name: "From" }).click();
  await page.getByRole("option", { name: new RegExp(`555 ${digits}`) }).click();
  // Simulator magic number: rings 1 s, answers, and would hang up after 10 s; the spoken text (about 6 s) ends the
  // call first, which leaves the page time to see it in progress.
  await dialog.getByRole("textbox", { name: "To", exact: true }).fill("+15005550110");
  await dialog.getByRole("textbox", { name: "What to say" }).fill("Hello from the end to end test. This message is long enough to keep the call up for a while.");
  await dialog.getByLabel("Record the call").check();
  await dialog.getByRole("button", { name: "Place call" }).click();

  await expect(page).toHaveURL(/\/calls\/CA[0-9a-f]{32}$/);
  const header = page.getByRole("main");
  // Live: the page is never reloaded, so these come over the SSE subscription.
  await expect(header.getByText("In progress").first()).toBeVisible({ timeout: 20_000 });
  await expect(header.getByText("Completed").first()).toBeVisible({ timeout: 30_000 });

  // The timeline shows every step, and the call record is written.
  for (const step of ["Queued", "Placed on the switch", "Ringing", "Answered", "Ended"]) {
    await expect(page.getByText(step, { exact: true }).first()).toBeVisible();
  }
  await expect(page.getByText("NORMAL_CLEARING").first()).toBeVisible();
  const billsec = page.getByText("Billable seconds (billsec)").locator("xpath=following-sibling::*[1]");
  // The call ends when its instructions do (like TwiML): billsec is the length of the spoken text.
  await expect(billsec).toHaveText(/^[1-9]\d*$/);

  // The recording: listed once the worker has stored it, served as ranged WAV, and it plays in the browser.
  const audio = page.locator("audio");
  await expect(audio).toHaveCount(1, { timeout: 20_000 });
  const src = await audio.getAttribute("src");
  expect(src).toMatch(/^\/api\/recordings\/RE[0-9a-f]{32}\/media$/);
  const head = await page.request.get(src!, { headers: { Range: "bytes=0-11" } });
  expect(head.status()).toBe(206);
  expect(head.headers()["content-type"]).toBe("audio/wav");
  expect((await head.body()).subarray(0, 4).toString("latin1")).toBe("RIFF");

  const played = await audio.evaluate(async (el: HTMLAudioElement) => {
    el.muted = true; // autoplay policy: muted media may play without a gesture
    await el.play();
    await new Promise((r) => setTimeout(r, 1200));
    return { currentTime: el.currentTime, duration: el.duration, error: el.error?.code ?? null };
  });
  expect(played.error).toBeNull();
  expect(played.duration).toBeGreaterThan(1.5);
  expect(played.currentTime).toBeGreaterThan(0.5);
});
