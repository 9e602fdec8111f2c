// next-auth 4: email + password (credentials provider) with JWT sessions. The JWT carries only the user's id,
// staff flag and sessionVersion; tenant and role are resolved per request from memberships (src/server/tenancy.ts),
// so a user removed from a tenant loses it on the next request. A token whose sessionVersion is behind the user's
// (password reset) or whose user is gone is emptied: the session then has no user and reads as signed out.
import { randomUUID } from "node:crypto";
import type { NextAuthOptions, Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/env";
import { authenticateUser } from "@/server/auth/authenticate-user";
import { ZSignInInput } from "@/server/auth/auth.schemas";
import { revokeSession, isSessionRevoked } from "@/server/auth/revoked-sessions";
import { endAllSessions, isSessionCurrent } from "@/server/auth/session-version";
import { AppError } from "@/server/errors";
import { clientIp } from "@/server/shared/client-ip";

const THIRTY_DAYS = 30 * 24 * 60 * 60;

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: THIRTY_DAYS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" }, code: { label: "Authentication code", type: "text" } },
      async authorize(credentials, req) {
        const parsed = ZSignInInput.safeParse(credentials ?? {});
        if (!parsed.success) throw new Error("Incorrect email or password");
        try {
          const user = await authenticateUser(parsed.data, { ip: clientIp(req?.headers?.["x-forwarded-for"] as string | undefined) });
          return { id: user.id, email: user.email, name: user.name, isPlatformStaff: user.isPlatformStaff, sessionVersion: user.sessionVersion, mfa: user.mfa };
        } catch (e) {
          // next-auth hands the thrown message to the sign-in page as `error` (suspension, throttling).
          if (e instanceof AppError) throw new Error(e.message);
          throw e;
        }
      },
    }),
  ],
  events: {
    async signOut({ token }) {
      if (typeof token?.id !== "string") return;
      if (typeof token.sid === "string") {
        const expiresAt = typeof token.exp === "number" ? new Date(token.exp * 1000) : new Date(Date.now() + THIRTY_DAYS * 1000);
        await revokeSession({ sid: token.sid, userId: token.id, expiresAt });
      } else {
        // A token from before session ids: only ending every session of the user ends this one.
        await endAllSessions(token.id);
      }
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.id = user.id;
        token.email = user.email;
        token.name = user.name;
        token.isPlatformStaff = Boolean((user as { isPlatformStaff?: boolean }).isPlatformStaff);
        token.sessionVersion = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        token.mfa = Boolean((user as { mfa?: boolean }).mfa);
        // This session's own id: signing out revokes it (revoked-sessions.ts), whoever holds a copy of the token.
        token.sid = randomUUID();
        return token;
      }
      if (typeof token.id !== "string") return token;
      if (typeof token.sid === "string" && (await isSessionRevoked(token.sid))) return { revoked: true } as JWT;
      // Tokens issued before sessionVersion existed carry none: they match version 0, the column's default.
      const version = typeof token.sessionVersion === "number" ? token.sessionVersion : 0;
      if (!(await isSessionCurrent(token.id, version))) return { revoked: true } as JWT;
      return token;
    },
    session({ session, token }) {
      if (typeof token.id !== "string") return { expires: session.expires } as Session;
      session.user = {
        ...session.user,
        id: token.id as string,
        email: token.email ?? "",
        name: token.name ?? "",
        isPlatformStaff: Boolean(token.isPlatformStaff),
        mfa: Boolean(token.mfa),
      } as typeof session.user;
      return session;
    },
  },
};
