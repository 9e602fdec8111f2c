"use client";

import { signOut } from "next-auth/react";
import { Brand } from "@/components/shared/brand";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** Shown instead of the portal when a signed-in user has no workspace they can enter. */
export function AccountProblem({ title, description }: { title: string; description: string }) {
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center gap-6 bg-muted/40 p-4">
      <Brand />
      <Card className="w-full max-w-md">
        <CardHeader>
          <CardTitle className="text-xl">{title}</CardTitle>
          <CardDescription>{description}</CardDescription>
        </CardHeader>
        <CardContent>
          <Button className="w-full" onClick={() => void signOut({ callbackUrl: "/sign-in" })}>
            Sign out
          </Button>
        </CardContent>
      </Card>
    </div>
  );
}
