"use client";

// The number's IVR flow, chosen on the number's page: a published flow answers its calls instead of the voice URL.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/portal/flows/native-select";
import type { PhoneNumberRow } from "@/components/portal/numbers/types";
import { useTRPC } from "@/trpc/react";

export function NumberFlowCard({ number, canManage }: { number: PhoneNumberRow; canManage: boolean }) {
  const trpc = useTRPC();
  const flows = useQuery(trpc.flows.list.queryOptions({ limit: 100 }));
  const [flowId, setFlowId] = useState(number.voiceFlowId ?? "");
  const update = useToastMutation(trpc.numbers.update.mutationOptions(), {
    success: "Voice flow saved",
    invalidate: [trpc.numbers.get.queryKey({ id: number.id }), trpc.numbers.list.queryKey(), trpc.flows.list.queryKey()],
  });
  const current = flows.data?.items.find((f) => f.id === number.voiceFlowId);
  const choice = flows.data?.items.find((f) => f.id === flowId);
  return (
    <Card>
      <CardHeader>
        <CardTitle>IVR flow</CardTitle>
        <CardDescription>A flow answers calls to this number instead of its voice URL: build one under IVR flows.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <FormField label="Flow" description={choice && !choice.publishedVersion ? "This flow is not published yet: calls hear that it is not published until you publish it." : undefined}>
          <NativeSelect value={flowId} onChange={(e) => setFlowId(e.target.value)} disabled={!canManage || flows.isPending}>
            <option value="">No flow (use the voice URL)</option>
            {flows.data?.items.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
                {f.publishedVersion ? ` (version ${f.publishedVersion.number})` : " (not published)"}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <div className="flex flex-wrap items-center gap-3">
          {canManage && (
            <Button onClick={() => update.mutate({ id: number.id, voiceFlowId: flowId || null })} disabled={update.isPending || flowId === (number.voiceFlowId ?? "")}>
              {update.isPending ? "Saving…" : "Save flow"}
            </Button>
          )}
          {current && (
            <Link href={`/flows/${current.id}`} className="text-sm underline">
              Open {current.name}
            </Link>
          )}
        </div>
      </CardContent>
    </Card>
  );
}
