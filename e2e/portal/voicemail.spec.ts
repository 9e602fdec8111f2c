// Voicemail in a real browser: a new workspace's box gets a message through the irisx:voicemail application (the
// record action's request, as the worker posts it after a caller's recording), which the inbox lists unread; playing
// it through the authorized recording route marks it read, it can be marked unread again from the keyboard, and
// deleting it leaves the empty state. The box's page and the debugger (with an error seeded on the same call) are
// shot in light, dark and phone width.
import { expect, test } from "@playwright/test";
import { recordCallEvent } from "../../src/server/calls/record-call-event";
import { serveInternalApp } from "../../src/server/voice-apps/internal-apps";
import { createVoicemailBox } from "../../src/server/voicemail/create-voicemail-box";
import { createTestRecording, pcmWav } from "../../src/test/recording-fixtures";
import { closeE2eDatabase, e2eDatabase, ownerOf } from "../helpers/database";
import { shootSchemes } from "../helpers/screenshots";
import { signUpNewTenant } from "../helpers/tenant";

test.afterAll(closeE2eDatabase);

test("a voicemail left through the box's application is played, marked read and unread, and deleted", async ({ page }) => {
  test.setTimeout(90_000);
  const account = await signUpNewTenant(page);
  const { tenantId, actor } = await ownerOf(account.email);

  // The box, and a caller's 3-second recording on a call of this workspace, then the record action's request.
  const box = await createVoicemailBox(actor, { name: "E2E Sales", greetingText: "You reached Sales.", notifyEmails: ["sales@e2e.irisx.test"] });
  const { recording, callId } = await createTestRecording(tenantId, { wav: pcmWav({ seconds: 3, channels: 1 }) });
  const saved = await serveInternalApp({
    tenantId,
    callId,
    url: `irisx:voicemail/${box.id}/saved`,
    params: { CallSid: callId, RecordingSid: recording.id, RecordingDuration: "3", From: "+14155550123", To: "+15005550006" },
  });
  expect(saved).toMatchObject({ ok: true });
  // The notification went to the box's recipients (the dev mailbox, with no RESEND_API_KEY), linking to the inbox.
  const mail = await e2eDatabase().query<{ text: string }>(`SELECT text FROM "EmailMessage" WHERE "to" = 'sales@e2e.irisx.test' ORDER BY "createdAt" DESC LIMIT 1`);
  expect(mail.rows[0]?.text).toContain("/voicemail?message=VM");
  await recordCallEvent({ callId, type: "debugger.error", at: new Date(), data: { code: 12200, message: "<Foo> is not a TwiML verb", verbIndex: 1, verb: "Foo", line: 3, column: 5, source: "document" } });

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Voicemail" }).click();
  await expect(page).toHaveURL(/\/voicemail$/);
  const row = page.getByRole("button", { name: /\+1 415 555 0123.*E2E Sales.*unread/ });
  await expect(row).toBeVisible();
  await shootSchemes(page, "voicemail-inbox");

  // Open it from the keyboard; the player uses the authorized recording route.
  await row.focus();
  await page.keyboard.press("Enter");
  await expect(row).toHaveAttribute("aria-expanded", "true");
  const audio = page.locator("audio");
  await expect(audio).toHaveAttribute("src", `/api/recordings/${recording.id}/media`);
  const played = await audio.evaluate(async (el: HTMLAudioElement) => {
    el.muted = true; // autoplay policy: muted media may play without a gesture
    await el.play();
    await new Promise((r) => setTimeout(r, 800));
    return { currentTime: el.currentTime, error: el.error?.code ?? null };
  });
  expect(played.error).toBeNull();
  expect(played.currentTime).toBeGreaterThan(0.3);
  // Playing marks it read.
  await expect(page.getByRole("button", { name: "Mark unread" })).toBeVisible();
  await expect(page.getByRole("button", { name: /\+1 415 555 0123.*read/ })).not.toHaveAccessibleName(/unread/);
  await shootSchemes(page, "voicemail-open");

  // Unread again, from the keyboard.
  await page.getByRole("button", { name: "Mark unread" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Mark read" })).toBeVisible();
  await expect(page.getByRole("button", { name: /\+1 415 555 0123.*unread/ })).toBeVisible();

  // The call's page shows its error; the debugger lists it.
  await page.goto(`/calls/${callId}`);
  // The Errors card lists it (the timeline above names it too).
  const errors = page.getByRole("region", { name: "Errors" });
  await expect(errors).toBeVisible();
  await expect(errors.getByText("<Foo> is not a TwiML verb")).toBeVisible();
  await page.getByText("Errors", { exact: true }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/call-errors-light.png" });
  await page.goto("/debugger");
  await expect(page.getByRole("link", { name: /Error 12200: Schema validation warning/ })).toBeVisible();
  await shootSchemes(page, "debugger");

  // The boxes page.
  await page.goto("/voicemail/boxes");
  await expect(page.getByText(`irisx:voicemail/${box.id}`)).toBeVisible();
  await shootSchemes(page, "voicemail-boxes");

  // A recorded greeting uploaded on the box is what the box's application plays first.
  await page.locator('input[type="file"]').first().setInputFiles({ name: "greeting.wav", mimeType: "audio/wav", buffer: pcmWav({ seconds: 2, channels: 1 }) });
  await expect(page.getByText("Recorded greeting (2 s)")).toBeVisible();
  const greeting = await serveInternalApp({ tenantId, callId, url: `irisx:voicemail/${box.id}`, params: {} });
  expect(greeting.ok && greeting.document[0]).toMatchObject({ play: expect.stringMatching(/^recording:RE[0-9a-f]{32}$/) });

  // A second box made in the portal's dialog; a bad field is named beside it.
  await page.getByRole("button", { name: "New box" }).click();
  const dialog = page.getByRole("dialog", { name: "New voicemail box" });
  await dialog.getByLabel("Name").fill("Support");
  await dialog.getByLabel("Greeting").fill("You reached Support. Leave a message.");
  await dialog.getByLabel("Email each new message to").fill("not-an-address");
  await dialog.getByRole("button", { name: "Create box" }).click();
  await expect(dialog.getByText("not an email address")).toBeVisible();
  await shootSchemes(page, "voicemail-box-dialog", { phone: false });
  await dialog.getByLabel("Email each new message to").fill("support@e2e.irisx.test");
  await dialog.getByRole("button", { name: "Create box" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("“You reached Support. Leave a message.”")).toBeVisible();

  // Delete: the message and its audio go; the inbox is empty.
  await page.goto(`/voicemail?message=`);
  await page.getByRole("button", { name: /\+1 415 555 0123/ }).click();
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete message" }).click();
  await expect(page.getByRole("heading", { name: "No voicemail yet" })).toBeVisible();
  const media = await page.request.get(`/api/recordings/${recording.id}/media`);
  expect(media.status()).toBe(404);
  await shootSchemes(page, "voicemail-empty", { phone: false });
});
