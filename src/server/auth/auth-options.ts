// next-auth 4: email + password (credentials provider) with JWT sessions. The JWT carries only the user's id
// and staff flag; tenant and role are resolved per request from memberships (src/server/tenancy.ts).
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/env";
import { authenticateUser } from "@/server/auth/authenticate-user";
import { ZSignInInput } from "@/server/auth/auth.schemas";
import { AppError } from "@/server/errors";

const THIRTY_DAYS = 30 * 24 * 60 * 60;

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: THIRTY_DAYS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const parsed = ZSignInInput.safeParse(credentials ?? {});
        if (!parsed.success) throw new Error("Incorrect email or password");
        try {
          const user = await authenticateUser(parsed.data);
          return { id: user.id, email: user.email, name: user.name, isPlatformStaff: user.isPlatformStaff };
        } catch (e) {
          // next-auth hands the thrown message to the sign-in page as `error`.
          if (e instanceof AppError) throw new Error(e.message);
          throw e;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.id = user.id;
        token.email = user.email;
        token.name = user.name;
        token.isPlatformStaff = Boolean((user as { isPlatformStaff?: boolean }).isPlatformStaff);
      }
      return token;
    },
    session({ session, token }) {
      session.user = {
        ...session.user,
        id: token.id as string,
        email: token.email ?? "",
        name: token.name ?? "",
        isPlatformStaff: Boolean(token.isPlatformStaff),
      } as typeof session.user;
      return session;
    },
  },
};
