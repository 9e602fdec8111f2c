// A platform staff member of the spec's own, its second factor already enrolled (written straight into the e2e
// database, sealed with the stack's APP_ENCRYPTION_KEY as the app seals it), so a spec signs in to /admin without
// spending the time steps or recovery codes of ops@irisx.local (e2e/helpers/staff.ts).
import { randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { expect, type Page } from "@playwright/test";
import { generate, generateSecret } from "otplib";
import { sealSecret } from "../../src/server/crypto/secret-box";
import { e2eDatabase } from "./database";

export interface StaffMember {
  id: string;
  email: string;
  password: string;
  secret: string;
  role: "SUPPORT" | "OPERATOR" | "OWNER";
}

export async function createStaffMember(role: StaffMember["role"] = "OWNER"): Promise<StaffMember> {
  const suffix = randomBytes(4).toString("hex");
  const member = { id: `usr_e2e${suffix}`, email: `staff-${suffix}@e2e.irisx.test`, password: "e2e-staff-password-123", secret: generateSecret(), role };
  const key = Buffer.from(process.env.APP_ENCRYPTION_KEY ?? "", "base64");
  await e2eDatabase().query(
    `INSERT INTO "User" (id, email, name, "passwordHash", "emailVerifiedAt", "isPlatformStaff", "staffRole", "totpSecretCipher", "totpEnabledAt", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4, (now() AT TIME ZONE 'UTC'), true, $5, $6, (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'))`,
    [member.id, member.email, `E2E Staff ${suffix}`, await hash(member.password), role, sealSecret(member.secret, key)],
  );
  return member;
}

/** Signs the member in with the password and a code for the current time step, and lands on /admin. */
export async function signInStaffMember(page: Page, member: StaffMember): Promise<void> {
  await page.goto("/sign-in?callbackUrl=/admin");
  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Password").fill(member.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Authentication code").fill(await generate({ secret: member.secret, epoch: Math.floor(Date.now() / 1000) }));
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/admin"), { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Tenants" })).toBeVisible();
}
