import type { JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { authOptions } from "@/server/auth/auth-options";
import { db } from "@/server/db";
import { createTestTenant } from "@/test/factories";

// next-auth's own callbacks, as it runs them: at sign-in (with `user`), on every session read, and on sign-out.
const jwt = (token: JWT, user?: unknown) => authOptions.callbacks!.jwt!({ token, user, account: null } as never) as Promise<JWT>;
const signOut = (token: JWT) => authOptions.events!.signOut!({ token, session: undefined } as never);

describe("sign-out", () => {
  it("revokes the session token itself: a copy of it reads as signed out, other sessions of the user do not", async () => {
    const { user } = await createTestTenant();
    const signIn = () => jwt({}, { id: user.id, email: user.email, name: user.name, isPlatformStaff: false, sessionVersion: 0 });
    const session = await signIn();
    const otherDevice = await signIn();
    expect(session.sid).toEqual(expect.any(String));
    expect(session.sid).not.toBe(otherDevice.sid);
    expect((await jwt({ ...session })).id).toBe(user.id);

    await signOut({ ...session, exp: Math.floor(Date.now() / 1000) + 3600 });
    expect(await jwt({ ...session })).toEqual({ revoked: true });
    expect((await jwt({ ...otherDevice })).id).toBe(user.id);
    expect(await db.revokedSession.count({ where: { id: session.sid as string } })).toBe(1);
  });

  it("a token from before session ids is ended by ending every session of its user", async () => {
    const { user } = await createTestTenant();
    const legacy = { id: user.id, email: user.email, sessionVersion: 0 } as JWT;
    await signOut(legacy);
    expect(await jwt({ ...legacy })).toEqual({ revoked: true });
  });
});
