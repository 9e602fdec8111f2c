import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitation } from "@/components/auth/accept-invitation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getSessionUser } from "@/server/auth/session";
import { isAppError } from "@/server/errors";
import { getInvitation } from "@/server/invitations/get-invitation";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await getInvitation(token).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") return null;
    throw e;
  });

  if (!invitation) {
    return (
      <Card>
        <CardHeader>
          <CardTitle className="text-xl">Invitation not valid</CardTitle>
          <CardDescription>This invitation has expired, was revoked or was already used. Ask the person who invited you to send a new one.</CardDescription>
        </CardHeader>
        <CardContent>
          <Button asChild variant="outline" className="w-full">
            <Link href="/sign-in">Go to sign in</Link>
          </Button>
        </CardContent>
      </Card>
    );
  }

  const user = await getSessionUser();
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Join {invitation.tenantName}</CardTitle>
        <CardDescription className="flex flex-wrap items-center gap-2">
          You are invited as <Badge variant="secondary">{invitation.role.toLowerCase()}</Badge>
        </CardDescription>
      </CardHeader>
      <CardContent>
        <AcceptInvitation token={token} email={invitation.email} tenantName={invitation.tenantName} hasAccount={invitation.hasAccount} signedInAs={user?.email ?? null} />
      </CardContent>
    </Card>
  );
}
