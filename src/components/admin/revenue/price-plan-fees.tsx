"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ActionDialog } from "@/components/shared/action-dialog";
import { Button } from "@/components/ui/button";
import { useStaffCan } from "@/components/admin/use-staff-role";
import { QueryStates } from "@/components/shared/query-states";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { amountToMicros } from "@/lib/money-input";
import { useTRPC } from "@/trpc/react";

/** Plans carry no currency: a tenant pays its plan's amounts in its own. */
const amount = new Intl.NumberFormat("en", { minimumFractionDigits: 2, maximumFractionDigits: 6 });
const plain = (micros: bigint) => amount.format(Number(micros) / 1_000_000);

interface PlanRef {
  id: string;
  name: string;
  monthlyFeeMicros: bigint;
}

function FeeDialog({ plan }: { plan: PlanRef }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [fee, setFee] = useState("");
  const { formRef, errors, attempt, show, clear } = useFormErrors();
  const save = useToastMutation(trpc.admin.setPlanMonthlyFee.mutationOptions(), {
    success: `Monthly fee of ${plan.name} saved`,
    invalidate: [trpc.admin.pricePlans.queryKey(), trpc.admin.usage.queryKey()],
    error: false,
  });
  async function submit(e: FormEvent) {
    e.preventDefault();
    const micros = amountToMicros(fee);
    if (micros === null) return show({ form: null, fields: { monthlyFeeMicros: "an amount like 49 or 19.99" }, appCode: null });
    if (await attempt(() => save.mutateAsync({ pricePlanId: plan.id, monthlyFeeMicros: micros }))) setOpen(false);
  }
  return (
    <ActionDialog
      trigger={
        <Button size="sm" variant="outline" aria-label={`Edit the monthly fee of ${plan.name}`}>
          Edit fee
        </Button>
      }
      title={`Monthly fee of ${plan.name}`}
      description="Every tenant on this plan pays it each month, in its own currency; MRR (plans) adds it up. Audited."
      open={open}
      setOpen={(next) => {
        setOpen(next);
        if (next) setFee(amount.format(Number(plan.monthlyFeeMicros) / 1_000_000).replace(/,/g, ""));
      }}
      onClosed={clear}
      formRef={formRef}
      onSubmit={submit}
      formError={errors?.form}
      submitLabel="Save"
      pendingLabel="Saving…"
      pending={save.isPending}
      blocked={fee.trim() === "" ? "Enter an amount first" : null}
    >
      <FormField label="Monthly fee" required error={errors?.fields.monthlyFeeMicros} description="0 for usage only.">
        <Input value={fee} onChange={(e) => setFee(e.target.value)} inputMode="decimal" placeholder="49.00" autoFocus />
      </FormField>
    </ActionDialog>
  );
}

/** The price plans with their monthly fee (owners edit it here) and rates. Tenants without a plan pay no fee. */
export function PricePlanFees() {
  const trpc = useTRPC();
  const plans = useQuery(trpc.admin.pricePlans.queryOptions());
  const canEdit = useStaffCan("OWNER");
  return (
    <Card className="gap-4">
      <CardHeader>
        <CardTitle className="text-base">Price plans</CardTitle>
        <CardDescription>
          Monthly fees and per-minute rates, in each tenant&apos;s currency. Tenants without a plan are on the default rates and pay no monthly fee.
          {!canEdit && " Owners edit the fees."}
        </CardDescription>
      </CardHeader>
      <CardContent className="px-0">
        <QueryStates
          query={plans}
          what="price plans"
          isEmpty={(rows) => rows.length === 0}
          empty={<p className="px-6 text-sm text-muted-foreground">No price plans: every tenant is on the default rates, with no monthly fee.</p>}
        >
          {(rows) => (
            <div className="overflow-x-auto border-t">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead className="pl-6">Plan</TableHead>
                    <TableHead className="text-right">Tenants</TableHead>
                    <TableHead className="hidden text-right sm:table-cell">Outbound / min</TableHead>
                    <TableHead className="hidden text-right sm:table-cell">Inbound / min</TableHead>
                    <TableHead className="text-right">Monthly fee</TableHead>
                    {canEdit && <TableHead className="pr-6"><span className="sr-only">Actions</span></TableHead>}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {rows.map((p) => (
                    <TableRow key={p.id}>
                      <TableCell className="pl-6 font-medium">{p.name}</TableCell>
                      <TableCell className="text-right tabular-nums">{p.tenantCount}</TableCell>
                      <TableCell className="hidden text-right tabular-nums sm:table-cell">{plain(p.outboundMicrosPerMinute)}</TableCell>
                      <TableCell className="hidden text-right tabular-nums sm:table-cell">{plain(p.inboundMicrosPerMinute)}</TableCell>
                      <TableCell className="text-right tabular-nums">{plain(p.monthlyFeeMicros)}</TableCell>
                      {canEdit && (
                        <TableCell className="pr-6 text-right">
                          <FeeDialog plan={p} />
                        </TableCell>
                      )}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </QueryStates>
      </CardContent>
    </Card>
  );
}
