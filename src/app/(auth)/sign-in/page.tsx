import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { getSessionUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "Sign in" };

// next-auth's generic codes, for errors that did not come from our own authorize().
const NEXTAUTH_ERRORS: Record<string, string> = {
  CredentialsSignin: "Incorrect email or password",
  SessionRequired: "Sign in to continue",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeRedirectPath(typeof params.callbackUrl === "string" ? params.callbackUrl : null);
  if (await getSessionUser()) redirect(callbackUrl);
  const rawError = typeof params.error === "string" ? params.error : null;
  const initialError = rawError ? (NEXTAUTH_ERRORS[rawError] ?? rawError) : null;
  const email = typeof params.email === "string" ? params.email : undefined;
  const notice = params.reset === "1" ? "Your password was changed. Sign in with the new one." : null;

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Sign in</CardTitle>
        <CardDescription>{notice ?? "Welcome back to IRISX."}</CardDescription>
      </CardHeader>
      <CardContent>
        <SignInForm callbackUrl={callbackUrl} initialError={initialError} initialEmail={email} />
      </CardContent>
      <CardFooter className="justify-center text-sm text-muted-foreground">
        New to IRISX?&nbsp;
        <Link href="/sign-up" className="font-medium text-foreground underline-offset-4 hover:underline">
          Create an account
        </Link>
      </CardFooter>
    </Card>
  );
}
