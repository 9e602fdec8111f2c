// The portal follows roles, walked in the browser for every role: the owner invites an admin, a supervisor, a
// developer and an agent; each joins through the mailed link in a browser of their own and sees exactly the pages
// their role can use, and a page outside it, opened by address, says so instead of showing controls that fail.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { linkFromMailbox } from "../helpers/mailbox";
import { signUpNewTenant, uniqueEmail } from "../helpers/tenant";

const ALL = ["Dashboard", "Inbox", "Calls", "Voicemail", "Messages", "Contacts", "Queues", "Agents", "Wallboard", "Debugger", "Conferences", "Numbers", "IVR flows", "Templates", "API keys", "Webhooks", "Sending domains", "Channels", "Automation", "Team", "Contact centre", "SIP users", "Audit log", "Settings", "Speech", "API reference"];

const MATRIX = {
  Admin: { nav: ALL, home: "/", allowed: { "/settings/audit": "Audit log" }, refused: [] as string[] },
  Supervisor: { nav: ["Dashboard", "Inbox", "Calls", "Voicemail", "Messages", "Contacts", "Queues", "Agents", "Wallboard", "Debugger", "Conferences", "Numbers", "IVR flows", "Templates", "Automation", "Team", "Contact centre", "Settings", "Speech"], home: "/", allowed: { "/settings/team": "Team" }, refused: ["/settings/api-keys", "/sip-users", "/settings/audit", "/settings/sending-domains", "/settings/channels"] },
  Developer: { nav: ["Dashboard", "Calls", "Voicemail", "Messages", "Contacts", "Debugger", "Conferences", "Numbers", "IVR flows", "Templates", "API keys", "Webhooks", "Sending domains", "Settings", "Speech", "API reference"], home: "/", allowed: { "/settings/api-keys": "API keys" }, refused: ["/settings/team", "/sip-users", "/settings/automation", "/settings/channels", "/agents", "/settings/contact-centre"] },
  Agent: { nav: ["Calls", "Conferences", "Agent desktop"], home: "/desktop", allowed: { "/calls": "Calls" }, refused: ["/numbers", "/settings/webhooks", "/settings/general", "/voicemail", "/contacts", "/debugger", "/flows", "/templates", "/inbox", "/queues", "/agents"] },
} as const;

async function navLabels(page: Page): Promise<string[]> {
  const links = page.getByRole("navigation", { name: "Main" }).getByRole("link");
  await expect(links.first()).toBeVisible();
  return (await links.allTextContents()).map((t) => t.trim());
}

async function invite(owner: Page, email: string, role: string): Promise<void> {
  await owner.goto("/settings/team");
  await owner.getByRole("button", { name: "Invite teammate" }).click();
  const dialog = owner.getByRole("dialog", { name: "Invite a teammate" });
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByRole("combobox", { name: "Role" }).click();
  await owner.getByRole("option", { name: role, exact: true }).click();
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(dialog).toBeHidden();
}

async function join(browser: Browser, email: string, companyName: string): Promise<Page> {
  const link = await linkFromMailbox(browser, email, /\/invite\//);
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await page.getByLabel("Your name").fill(`Matrix ${email.slice(0, 6)}`);
  await page.getByLabel("Choose a password").fill("matrix-password-789");
  await page.getByRole("button", { name: `Join ${companyName}` }).click();
  await page.waitForURL((url) => url.pathname === "/" || url.pathname === "/desktop", { timeout: 30_000 });
  return page;
}

test("every role sees its own pages and is told plainly about the rest", async ({ page: owner, browser }) => {
  test.setTimeout(180_000);
  const account = await signUpNewTenant(owner);
  expect(await navLabels(owner)).toEqual(ALL);

  for (const [role, expected] of Object.entries(MATRIX)) {
    const email = uniqueEmail(role.toLowerCase());
    await invite(owner, email, role);
    const member = await join(browser, email, account.companyName);
    try {
      await expect(member).toHaveURL(new RegExp(`${expected.home === "/" ? "/$" : "/desktop$"}`));
      // The desktop has no portal navigation: read it from a page of the portal the role can open.
      const [firstAllowed, heading] = Object.entries(expected.allowed)[0]!;
      await member.goto(firstAllowed);
      await expect(member.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      expect(await navLabels(member), `${role}'s navigation`).toEqual([...expected.nav]);
      for (const path of expected.refused) {
        await member.goto(path);
        await expect(member.getByText("This page is not part of your role"), `${role} on ${path}`).toBeVisible();
      }
      await member.screenshot({ path: `test-results/role-${role.toLowerCase()}.png` });
    } finally {
      await member.context().close();
    }
  }
});
