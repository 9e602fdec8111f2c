// A teammate joins by invitation: the owner invites an agent, the agent follows the mailed link in a browser of
// their own, chooses a name and password and lands at the agent desktop of the owner's workspace with the Agent
// role, for which the team page is not part of the job.
import { expect, test } from "@playwright/test";
import { linkFromMailbox } from "../helpers/mailbox";
import { signUpNewTenant, uniqueEmail } from "../helpers/tenant";

test("an invited agent joins the owner's workspace through the mailed link and lands at the agent desktop", async ({ page: owner, browser }) => {
  const account = await signUpNewTenant(owner);
  const agentEmail = uniqueEmail("agent");
  const agentName = `Avery Agent ${agentEmail.slice(6, 12)}`;
  const agentPassword = "agent-password-456";

  await owner.goto("/settings/team");
  await owner.getByRole("button", { name: "Invite teammate" }).click();
  const inviteDialog = owner.getByRole("dialog", { name: "Invite a teammate" });
  await inviteDialog.getByLabel("Email").fill(agentEmail);
  await inviteDialog.getByRole("combobox", { name: "Role" }).click();
  await owner.getByRole("option", { name: "Agent" }).click();
  await expect(inviteDialog.getByRole("combobox", { name: "Role" })).toHaveText("Agent");
  await inviteDialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(inviteDialog).toBeHidden();
  // Pending invitations are list items with a Revoke button (the toast is a list item too).
  const pending = owner.getByRole("listitem").filter({ hasText: agentEmail }).filter({ has: owner.getByRole("button", { name: "Revoke" }) });
  await expect(pending).toContainText("Agent");

  const inviteLink = await linkFromMailbox(browser, agentEmail, /\/invite\//);

  // The invitee has no account and no session: a fresh browser context.
  const agentContext = await browser.newContext();
  try {
    const agent = await agentContext.newPage();
    await agent.goto(inviteLink);
    await expect(agent.getByText(`Join ${account.companyName}`, { exact: true }).first()).toBeVisible();
    await expect(agent.getByText("You are invited as")).toContainText("agent");
    await expect(agent.getByLabel("Email")).toHaveValue(agentEmail);
    await agent.getByLabel("Your name").fill(agentName);
    await agent.getByLabel("Choose a password").fill(agentPassword);
    await agent.getByRole("button", { name: `Join ${account.companyName}` }).click();

    // Agents work at the desktop: the portal's home sends them there.
    await agent.waitForURL((url) => url.pathname === "/desktop", { timeout: 30_000 });
    await expect(agent.getByText("Nothing assigned to you")).toBeVisible();
    await expect(agent.getByText(`· ${account.companyName}`)).toBeVisible();

    // The owner sees the new member with the role they were invited as, and the invitation is no longer pending.
    await owner.reload();
    await expect(owner.getByRole("combobox", { name: `Role of ${agentName}` })).toHaveText("Agent");
    await expect(owner.getByRole("row").filter({ hasText: agentEmail })).toBeVisible();
    await expect(pending).toHaveCount(0);

    // Inviting a member again is refused beside the email field, not silently.
    await owner.getByRole("button", { name: "Invite teammate" }).click();
    await inviteDialog.getByLabel("Email").fill(agentEmail);
    await inviteDialog.getByRole("button", { name: "Send invitation" }).click();
    await expect(inviteDialog.getByText("This person is already a member")).toBeVisible();
    await inviteDialog.getByRole("button", { name: "Cancel" }).click();

    // The team page is not the agent's: it says so instead of showing controls that would fail.
    await agent.goto("/settings/team");
    await expect(agent.getByText("This page is not part of your role")).toBeVisible();
    await expect(agent.getByRole("button", { name: "Invite teammate" })).toHaveCount(0);
    await agent.getByRole("link", { name: "Go to the agent desktop" }).click();
    await expect(agent).toHaveURL(/\/desktop$/);
  } finally {
    await agentContext.close();
  }
});
