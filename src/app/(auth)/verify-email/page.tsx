import type { Metadata } from "next";
import { VerifyEmailStatus } from "@/components/auth/verify-email-status";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Confirm email" };

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Confirm your email</CardTitle>
      </CardHeader>
      <CardContent>
        {token ? <VerifyEmailStatus token={token} /> : <p className="text-sm text-muted-foreground">This link is incomplete. Open the link from the email again, or ask for a new one from the banner in your workspace.</p>}
      </CardContent>
    </Card>
  );
}
