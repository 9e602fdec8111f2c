"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { QueryStates } from "@/components/shared/query-states";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DebuggerErrorsTable } from "@/components/portal/debugger/debugger-errors-table";
import { useTRPC } from "@/trpc/react";

/** The call page's errors (the debugger's list for one call); hidden for roles that cannot read the debugger. */
export function CallErrors({ callId, live }: { callId: string; live: boolean }) {
  const trpc = useTRPC();
  const errors = useQuery(trpc.debugger.list.queryOptions({ callId, limit: 50 }, { refetchInterval: live ? 3000 : false }));
  return (
    <Card role="region" aria-label="Errors">
      <CardHeader>
        <CardTitle>Errors</CardTitle>
        <CardDescription>
          What went wrong in this call&apos;s application, with Twilio&apos;s error codes. All calls&apos; errors are in the{" "}
          <Link href={`/debugger?call=${callId}&range=7d`} className="underline underline-offset-2">
            debugger
          </Link>
          .
        </CardDescription>
      </CardHeader>
      <CardContent>
        <QueryStates query={errors} what="errors" isEmpty={(p) => p.items.length === 0} empty={<p className="text-sm text-muted-foreground">No errors on this call.</p>}>
          {(page) => <DebuggerErrorsTable errors={page.items} showCall={false} />}
        </QueryStates>
      </CardContent>
    </Card>
  );
}
