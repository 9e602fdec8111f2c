"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { CheckIcon } from "lucide-react";
import Link from "next/link";
import { useResendVerification } from "@/components/portal/use-resend-verification";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { QueryStates } from "@/components/shared/query-states";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";
import { useTRPC } from "@/trpc/react";
import type { AppRouter } from "@/trpc/routers/_app";

type Checklist = inferRouterOutputs<AppRouter>["tenant"]["onboardingChecklist"];

export function OnboardingChecklist() {
  const trpc = useTRPC();
  // Milestones are ticked by other parts of the platform (API keys, calls); polling picks them up.
  const checklist = useQuery(trpc.tenant.onboardingChecklist.queryOptions(undefined, { refetchInterval: 15_000 }));
  return (
    <QueryStates query={checklist} what="the getting-started checklist" loading={<Skeleton className="h-80 w-full rounded-xl" />}>
      {(data) => <ChecklistCard checklist={data} />}
    </QueryStates>
  );
}

function ChecklistCard({ checklist: { steps, completed, total } }: { checklist: Checklist }) {
  const resend = useResendVerification();
  const percent = Math.round((completed / total) * 100);

  return (
    <Card>
      <CardHeader>
        <CardTitle>Getting started</CardTitle>
        <CardDescription>{completed === total ? "All done. Your workspace is ready." : `${completed} of ${total} steps done`}</CardDescription>
        <CardAction className="text-sm font-medium tabular-nums text-muted-foreground">{percent}%</CardAction>
        <div
          role="progressbar"
          aria-label="Getting started progress"
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={completed}
          className="col-span-full mt-2 h-2 overflow-hidden rounded-full bg-muted"
        >
          <div className="h-full rounded-full bg-primary transition-[width] duration-500" style={{ width: `${percent}%` }} />
        </div>
      </CardHeader>
      <CardContent>
        <ol className="divide-y">
          {steps.map((step) => (
            <li key={step.key} className="flex items-center gap-4 py-3 first:pt-0 last:pb-0">
              <span
                aria-hidden="true"
                className={cn(
                  "flex size-7 shrink-0 items-center justify-center rounded-full border-2",
                  step.done ? "border-primary bg-primary text-primary-foreground" : "border-muted-foreground/30",
                )}
              >
                {step.done && <CheckIcon className="size-4" />}
              </span>
              <div className="min-w-0 flex-1">
                <p className={cn("text-sm font-medium", step.done && "text-muted-foreground line-through decoration-muted-foreground/50")}>
                  {step.title}
                  <span className="sr-only">{step.done ? " (done)" : " (not done yet)"}</span>
                </p>
                <p className="text-sm text-muted-foreground">{step.description}</p>
              </div>
              {!step.done && !step.actionable && step.whoCan && <span className="shrink-0 text-xs text-muted-foreground">{step.whoCan}</span>}
              {!step.done &&
                step.actionable &&
                (step.key === "email_verified" ? (
                  <Button size="sm" variant="outline" onClick={() => resend.mutate()} disabled={resend.isPending}>
                    {step.cta}
                  </Button>
                ) : (
                  <Button size="sm" variant="outline" asChild>
                    <Link href={step.href}>{step.cta}</Link>
                  </Button>
                ))}
            </li>
          ))}
        </ol>
      </CardContent>
    </Card>
  );
}
