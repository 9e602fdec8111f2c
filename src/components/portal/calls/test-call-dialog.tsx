"use client";

import { useQuery } from "@tanstack/react-query";
import { PhoneOutgoingIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { formatPhoneNumber } from "@/lib/phone";
import { useTRPC } from "@/trpc/react";

/**
 * Every destination of the built-in switch simulator (freeswitch/simulator/README.md, "Magic numbers"), said as it
 * plays out for a test call: the call speaks its message once answered and hangs up when the message ends.
 */
const SIMULATOR_NUMBERS = [
  { number: "+15005550100", what: "answers; the call ends when your message has been spoken" },
  { number: "+15005550105", what: "answers, hangs up after 5 s (+150055501SS: after SS s) unless your message ends first" },
  { number: "+15005550200", what: "busy (486): ends busy" },
  { number: "+15005550300", what: "rings until the ring timeout: ends no-answer" },
  { number: "+15005550400", what: "declines (603): ends busy" },
  { number: "+15005550404", what: "no such number (404): ends failed" },
  { number: "+15005550500", what: "unreachable (503): ends failed" },
  { number: "+15005550600", what: "an answering machine: answers with a 3 s greeting and a beep (on the timeline), hangs up after 10 s; your message plays from the answer" },
  { number: "+150055571234", what: "a person who presses 1234# after answering (+15005557DDDD: any 1–4 digits); the digits show on the timeline" },
] as const;

const DEFAULT_SAY = "Hello from IRISX. This is a test call. Goodbye.";

function SimulatorHint({ onPick }: { onPick: (number: string) => void }) {
  return (
    <div className="grid gap-1.5 text-sm text-muted-foreground">
      <span>The simulator decides what happens by the number you call (any other number answers and hangs up after 5 s):</span>
      <ul className="flex flex-wrap gap-1.5" aria-label="Simulator numbers">
        {SIMULATOR_NUMBERS.map((n) => (
          <li key={n.number}>
            <button
              type="button"
              onClick={() => onPick(n.number)}
              className="rounded-md border bg-muted/40 px-2 py-0.5 text-left text-xs outline-none hover:bg-muted focus-visible:ring-[3px] focus-visible:ring-ring/50"
            >
              <span className="font-mono">{n.number}</span> <span className="text-muted-foreground">{n.what}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function TestCallDialog({ simulated }: { simulated: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const numbers = useQuery(trpc.numbers.list.queryOptions({ capability: "voice", limit: 100 }, { enabled: open }));
  const callerIds = useQuery(trpc.callerIds.list.queryOptions({ verified: true, limit: 100 }, { enabled: open }));
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [say, setSay] = useState(DEFAULT_SAY);
  const [record, setRecord] = useState(false);
  const { formRef, errors, clear, attempt } = useFormErrors();
  const create = useToastMutation(trpc.calls.create.mutationOptions({ onSuccess: (call) => router.push(`/calls/${call.id}`) }), {
    success: "Call placed",
    invalidate: [trpc.calls.list.queryKey(), trpc.tenant.onboardingChecklist.queryKey()],
    error: false,
  });
  // What a call may show: the workspace's voice numbers that are caller IDs, and the caller IDs it verified.
  const voiceNumbers = [
    ...(numbers.data?.items ?? []).filter((n) => n.callerIdAllowed).map((n) => ({ id: n.id, phoneNumber: n.phoneNumber, friendlyName: n.friendlyName })),
    ...(callerIds.data?.items ?? []).map((c) => ({ id: c.id, phoneNumber: c.phoneNumber, friendlyName: c.friendlyName || "Verified caller ID" })),
  ];
  const caller = from || voiceNumbers[0]?.phoneNumber || "";

  function reset(next: boolean) {
    setOpen(next);
    if (!next) {
      setTo("");
      setSay(DEFAULT_SAY);
      setRecord(false);
      clear();
      create.reset();
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    await attempt(() => create.mutateAsync({ from: caller, to: to.trim(), instructions: [{ say: say.trim() }], record }));
  }

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>
        <Button>
          <PhoneOutgoingIcon /> Make a test call
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] grid-cols-[minmax(0,1fr)] overflow-y-auto sm:max-w-xl">
        <form ref={formRef} onSubmit={submit} className="flex flex-col gap-5">
          <DialogHeader>
            <DialogTitle>Make a test call</DialogTitle>
            <DialogDescription>
              {simulated
                ? "Telephony is simulated: the call goes to the built-in switch simulator, not to a carrier, and costs nothing real."
                : "IRISX calls the number and speaks your text when it is answered. The call is billed like any other."}
            </DialogDescription>
          </DialogHeader>
          {numbers.isPending ? (
            <Skeleton className="h-16 w-full" />
          ) : numbers.isError ? (
            <FormErrorAlert message={`Could not load your numbers: ${numbers.error.message}`} />
          ) : voiceNumbers.length === 0 ? (
            <FormErrorAlert message="A call needs a caller ID: buy a voice number or verify one you own first.">
              {" "}
              <Link href="/numbers" className="font-medium underline">
                Go to phone numbers
              </Link>
            </FormErrorAlert>
          ) : (
            <FormField label="From" required error={errors?.fields.from} description="One of your voice numbers or verified caller IDs; the called party sees it as the caller ID.">
              {(control) => (
                <Select value={caller} onValueChange={setFrom}>
                  <SelectTrigger {...control} className="w-full">
                    <SelectValue placeholder="Choose a number" />
                  </SelectTrigger>
                  <SelectContent>
                    {voiceNumbers.map((n) => (
                      <SelectItem key={n.id} value={n.phoneNumber}>
                        <span className="tabular-nums">{formatPhoneNumber(n.phoneNumber)}</span>
                        {n.friendlyName && <span className="text-muted-foreground">{n.friendlyName}</span>}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
            </FormField>
          )}
          <div className="grid gap-2">
            <FormField label="To" required error={errors?.fields.to} description="In international form with the country code, e.g. +14155550123.">
              <Input value={to} onChange={(e) => setTo(e.target.value)} placeholder="+15005550105" type="tel" inputMode="tel" autoComplete="off" autoFocus />
            </FormField>
            {simulated && <SimulatorHint onPick={setTo} />}
          </div>
          <FormField label="What to say" required error={errors?.fields.instructions} description="Spoken with text-to-speech when the call is answered.">
            <Textarea value={say} onChange={(e) => setSay(e.target.value)} rows={3} maxLength={4000} />
          </FormField>
          <div className="flex items-center gap-2">
            <Checkbox id="test-call-record" checked={record} onCheckedChange={(on) => setRecord(on === true)} />
            <Label htmlFor="test-call-record" className="font-normal">
              Record the call
            </Label>
          </div>
          <FormErrorAlert message={errors?.form} />
          <DialogFooter className="items-center">
            {/* A disabled button says why. */}
            {(!caller || to.trim() === "" || say.trim() === "") && (
              <p id="test-call-hint" className="mr-auto text-xs text-muted-foreground">
                {!caller ? "Get a number or verify a caller ID to call from first." : to.trim() === "" ? "Enter the number to call." : "Enter what to say."}
              </p>
            )}
            <Button type="button" variant="outline" onClick={() => reset(false)}>
              Cancel
            </Button>
            <Button type="submit" aria-describedby="test-call-hint" disabled={create.isPending || !caller || to.trim() === "" || say.trim() === ""}>
              {create.isPending ? "Calling…" : "Place call"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
