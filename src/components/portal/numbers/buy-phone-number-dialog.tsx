"use client";

import { useQuery } from "@tanstack/react-query";
import { PlusIcon, SearchIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { EMPTY_NUMBER_FORM, numberSettingsInput, type NumberFormValues } from "@/components/portal/numbers/number-form";
import { NumberSettingsFields } from "@/components/portal/numbers/number-settings-fields";
import { formatPhoneNumber } from "@/lib/phone";
import { cn } from "@/lib/utils";
import { useTRPC } from "@/trpc/react";

type NumberType = "local" | "toll_free" | "mobile";
const COUNTRIES = [
  ["US", "United States"],
  ["CA", "Canada"],
  ["GB", "United Kingdom"],
  ["AU", "Australia"],
  ["DE", "Germany"],
] as const;

/** Search the platform's number provider, pick a number, set where its calls go, buy it. */
export function BuyPhoneNumberDialog({ label = "Buy a number" }: { label?: string }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [country, setCountry] = useState("US");
  const [type, setType] = useState<NumberType>("local");
  const [areaCode, setAreaCode] = useState("");
  const [contains, setContains] = useState("");
  const [query, setQuery] = useState<{ country: string; type: NumberType; areaCode?: string; contains?: string } | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [values, setValues] = useState<NumberFormValues>(EMPTY_NUMBER_FORM);
  const searchErrors = useFormErrors();
  const { formRef, errors, clear, attempt } = useFormErrors();
  // Never from the cache: what is for sale changes with every purchase (here or anywhere).
  const available = useQuery({
    ...trpc.numbers.searchAvailable.queryOptions({ ...(query ?? { country: "US", type: "local" }), limit: 20 }),
    enabled: open && query !== null,
    retry: false,
    staleTime: 0,
    gcTime: 0,
  });
  const buy = useToastMutation(trpc.numbers.purchase.mutationOptions(), {
    success: (n) => `${formatPhoneNumber(n.phoneNumber)} is yours`,
    invalidate: [trpc.numbers.list.queryKey(), trpc.numbers.searchAvailable.queryKey(), trpc.tenant.onboardingChecklist.queryKey()],
    error: false,
  });

  function reset(next: boolean) {
    setOpen(next);
    if (!next) {
      setQuery(null);
      setChosen(null);
      setAreaCode("");
      setContains("");
      setValues(EMPTY_NUMBER_FORM);
      clear();
      searchErrors.clear();
      buy.reset();
    }
  }

  function search(e: FormEvent) {
    e.preventDefault();
    setChosen(null);
    setQuery({ country, type, areaCode: areaCode.trim() || undefined, contains: contains.trim() || undefined });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!chosen) return;
    const ok = await attempt(() => buy.mutateAsync({ phoneNumber: chosen, ...numberSettingsInput(values) }));
    if (ok) reset(false);
  }

  const noProvider = available.data?.provider === null;
  const searchError = available.error ? (available.error.message.split(": ").slice(1).join(": ") || available.error.message) : null;
  const buyBlocked = !chosen ? "Choose a number first" : buy.isPending ? "Buying…" : null;

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon /> {label}
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] grid-cols-[minmax(0,1fr)] overflow-y-auto sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>Buy a phone number</DialogTitle>
          <DialogDescription>Numbers come from this platform&apos;s carrier. A number you buy routes its calls to you and can be the caller ID of your calls.</DialogDescription>
        </DialogHeader>
        <form ref={searchErrors.formRef} onSubmit={search} className="grid gap-3 sm:grid-cols-[8rem_8rem_1fr_1fr_auto] sm:items-end" aria-label="Search numbers">
          <FormField label="Country">
            <Select value={country} onValueChange={setCountry}>
              <SelectTrigger className="w-full" aria-label="Country">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {COUNTRIES.map(([code, name]) => (
                  <SelectItem key={code} value={code}>
                    {name}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </FormField>
          <FormField label="Type">
            <Select value={type} onValueChange={(v) => setType(v as NumberType)}>
              <SelectTrigger className="w-full" aria-label="Type">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value="local">Local</SelectItem>
                <SelectItem value="toll_free">Toll-free</SelectItem>
                <SelectItem value="mobile">Mobile</SelectItem>
              </SelectContent>
            </Select>
          </FormField>
          <FormField label="Area code">
            <Input value={areaCode} onChange={(e) => setAreaCode(e.target.value)} inputMode="numeric" placeholder="415" autoFocus />
          </FormField>
          <FormField label="Contains">
            <Input value={contains} onChange={(e) => setContains(e.target.value)} inputMode="numeric" placeholder="digits, * for any" />
          </FormField>
          <Button type="submit" variant="outline" disabled={available.isFetching}>
            <SearchIcon /> {available.isFetching ? "Searching…" : "Search"}
          </Button>
        </form>

        {noProvider ? (
          <Alert>
            <AlertTitle>Numbers cannot be bought on this installation</AlertTitle>
            <AlertDescription>No number provider is configured. Ask platform staff to assign you a number, or verify a number you already own as a caller ID.</AlertDescription>
          </Alert>
        ) : searchError ? (
          <Alert variant="destructive">
            <AlertTitle>The search did not work</AlertTitle>
            <AlertDescription>{searchError}</AlertDescription>
          </Alert>
        ) : available.isFetching ? (
          <div className="flex flex-col gap-2" aria-busy="true" aria-label="Searching numbers">
            {Array.from({ length: 4 }, (_, i) => (
              <Skeleton key={i} className="h-10" />
            ))}
          </div>
        ) : available.data ? (
          available.data.numbers.length === 0 ? (
            <p className="text-sm text-muted-foreground">No numbers match. Try another area code or fewer digits.</p>
          ) : (
            <div role="radiogroup" aria-label="Available numbers" className="grid max-h-64 gap-1 overflow-y-auto rounded-md border p-1 sm:grid-cols-2">
              {available.data.numbers.map((n) => (
                <button
                  key={n.phoneNumber}
                  type="button"
                  role="radio"
                  aria-checked={chosen === n.phoneNumber}
                  onClick={() => setChosen(n.phoneNumber)}
                  className={cn(
                    "flex flex-col items-start rounded-sm px-3 py-2 text-left outline-none hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50",
                    chosen === n.phoneNumber && "bg-primary/10 ring-1 ring-primary",
                  )}
                >
                  <span className="font-medium tabular-nums">{formatPhoneNumber(n.phoneNumber)}</span>
                  <span className="text-xs text-muted-foreground">
                    {[n.locality, n.region, n.country].filter(Boolean).join(", ")} · {[n.capabilities.voice && "Voice", n.capabilities.sms && "SMS", n.capabilities.mms && "MMS"].filter(Boolean).join(", ")}
                  </span>
                </button>
              ))}
            </div>
          )
        ) : (
          <p className="text-sm text-muted-foreground">Search by area code or digits to see numbers for sale.</p>
        )}

        <form ref={formRef} onSubmit={submit} className="flex flex-col gap-5" aria-label="Buy the chosen number">
          {chosen && <NumberSettingsFields values={values} onChange={setValues} errors={errors?.fields} />}
          {errors?.fields.phoneNumber && <FormErrorAlert message={errors.fields.phoneNumber} />}
          <FormErrorAlert message={errors?.form} />
          <DialogFooter className="items-center">
            {buyBlocked && !buy.isPending && <span className="mr-auto text-xs text-muted-foreground">{buyBlocked}</span>}
            <Button type="button" variant="outline" onClick={() => reset(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={buyBlocked !== null}>
              {buy.isPending ? "Buying…" : chosen ? `Buy ${formatPhoneNumber(chosen)}` : "Buy number"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
