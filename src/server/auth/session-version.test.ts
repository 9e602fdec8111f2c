// A session JWT stops working once the user's password is reset (auth-options.ts jwt/session callbacks).
import type { Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { beforeEach, describe, expect, it } from "vitest";
import { authOptions } from "@/server/auth/auth-options";
import { configureAbuseLimits } from "@/server/auth/abuse-limits";
import { authenticateUser } from "@/server/auth/authenticate-user";
import { requestPasswordReset } from "@/server/auth/request-password-reset";
import { resetPassword } from "@/server/auth/reset-password";
import { clearSessionVersionCache } from "@/server/auth/session-version";
import { signUp } from "@/server/auth/sign-up";
import { db } from "@/server/db";
import { newId } from "@/server/shared/ids";
import { tokenFromLastEmail } from "@/test/mail";

const callbacks = authOptions.callbacks!;
const jwt = (args: Record<string, unknown>) => callbacks.jwt!(args as never) as Promise<JWT>;
const sessionOf = async (token: JWT) => (await callbacks.session!({ session: { expires: "soon" } as Session, token } as never)) as Session;

/** What next-auth stores after a credentials sign-in, then what each later request makes of it. */
async function signedIn(email: string, password: string): Promise<JWT> {
  const user = await authenticateUser({ email, password });
  return jwt({ token: {}, user: { ...user } });
}
const requestWith = async (token: JWT) => sessionOf(await jwt({ token }));

async function account() {
  const email = `${newId("u")}@example.test`;
  const { userId } = await signUp({ name: "Grace", email, password: "old password 123", companyName: "Cobol Inc" });
  return { email, userId };
}

beforeEach(() => {
  clearSessionVersionCache();
  configureAbuseLimits();
});

describe("sessions and password resets", () => {
  it("ends every session signed in before a password reset; a new sign-in works", async () => {
    const { email, userId } = await account();
    const token = await signedIn(email, "old password 123");
    expect((await requestWith(token)).user).toMatchObject({ id: userId, email });

    await requestPasswordReset(email);
    await resetPassword({ token: await tokenFromLastEmail(email, /reset-password\?token=/), password: "new password 456" });

    expect((await requestWith(token)).user).toBeUndefined();
    const fresh = await signedIn(email, "new password 456");
    expect((await requestWith(fresh)).user).toMatchObject({ id: userId });
  });

  it("keeps honouring tokens issued before sessionVersion existed until the first reset", async () => {
    const { email, userId } = await account();
    const { sessionVersion: _omitted, ...legacy } = await signedIn(email, "old password 123");
    expect((await requestWith(legacy)).user).toMatchObject({ id: userId });
  });

  it("ends the session of a deleted user", async () => {
    const { email, userId } = await account();
    const token = await signedIn(email, "old password 123");
    await db.user.delete({ where: { id: userId } });
    expect((await requestWith(token)).user).toBeUndefined();
  });

  it("reads the version at most once per cache window: a bump by another process is seen when the window ends", async () => {
    const { email, userId } = await account();
    const token = await signedIn(email, "old password 123");
    expect((await requestWith(token)).user).toBeDefined();
    // Another app instance resets the password: this process's cached read still stands...
    await db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    expect((await requestWith(token)).user).toBeDefined();
    // ...until the window passes (simulated by dropping the cache).
    clearSessionVersionCache();
    expect((await requestWith(token)).user).toBeUndefined();
  });

  it("honours a sign-in made after another process reset the password, although this one cached the old version", async () => {
    const { email, userId } = await account();
    const token = await signedIn(email, "old password 123");
    expect((await requestWith(token)).user).toBeDefined();
    // Another process (or another bundle of this module in this one) resets the password; this cache still says 0.
    await db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    const fresh = { ...token, sessionVersion: 1 };
    expect((await requestWith(fresh)).user).toMatchObject({ id: userId });
    // The re-read refreshed the cache, so the old session ends too.
    expect((await requestWith(token)).user).toBeUndefined();
  });

  it("lifts a sign-in lockout on the address", async () => {
    configureAbuseLimits({ signInFailuresPerEmail: 2 });
    const { email } = await account();
    await authenticateUser({ email, password: "wrong" }).catch(() => {});
    await expect(authenticateUser({ email, password: "wrong" })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await requestPasswordReset(email);
    await resetPassword({ token: await tokenFromLastEmail(email, /reset-password\?token=/), password: "new password 456" });
    await expect(authenticateUser({ email, password: "new password 456" })).resolves.toMatchObject({ email });
  });
});
