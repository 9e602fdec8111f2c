"use client";

import { useQuery } from "@tanstack/react-query";
import { PhoneOutgoingIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { PhoneNumberFormFields } from "@/components/shared/phone-number-form-fields";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { CALL_STATUS_LABEL, CallStatusBadge, isFinalCall } from "@/components/portal/calls/call-status";
import { formatPhoneNumber } from "@/lib/phone";
import { useTRPC } from "@/trpc/react";

export interface PendingCallerId {
  id: string;
  phoneNumber: string;
  verificationCallId: string | null;
  attemptsLeft: number;
}

/** How the verification call is doing, so the user knows whether to wait, pick up, or call again. */
function VerificationCallStatus({ callId }: { callId: string }) {
  const trpc = useTRPC();
  const call = useQuery({
    ...trpc.calls.get.queryOptions({ callId }),
    refetchInterval: (q) => (q.state.data && isFinalCall(q.state.data.status) ? false : 1500),
  });
  if (!call.data) return <p className="text-sm text-muted-foreground">Placing the call…</p>;
  const status = call.data.status;
  const hint =
    status === "QUEUED" || status === "INITIATED"
      ? "Placing the call…"
      : status === "RINGING"
        ? "The phone is ringing: answer it."
        : status === "IN_PROGRESS"
          ? "Listen for the 6 digits; they are said twice."
          : status === "COMPLETED"
            ? "The call ended. Enter the code you heard."
            : `The call was not answered (${CALL_STATUS_LABEL[status].toLowerCase()}). Call again when the line can answer.`;
  return (
    <div className="flex items-center gap-2 text-sm" aria-live="polite">
      <CallStatusBadge status={status} />
      <span>{hint}</span>
    </div>
  );
}

/**
 * Verifying a caller ID: the platform calls the number and speaks a code, the user types it here. Opened empty (a
 * new number), or on a caller ID whose code is pending (enter it, or call again).
 */
export function VerifyCallerIdDialog({ pending, trigger }: { pending?: PendingCallerId; trigger?: React.ReactNode }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [phoneNumber, setPhoneNumber] = useState("");
  const [friendlyName, setFriendlyName] = useState("");
  const [current, setCurrent] = useState<PendingCallerId | null>(pending ?? null);
  const [code, setCode] = useState("");
  const { formRef, errors, clear, attempt } = useFormErrors();
  const invalidate = [trpc.callerIds.list.queryKey(), trpc.numbers.list.queryKey()];
  const start = useToastMutation(trpc.callerIds.startVerification.mutationOptions(), { success: (c) => `Calling ${formatPhoneNumber(c.phoneNumber)}`, invalidate, error: false });
  const verify = useToastMutation(trpc.callerIds.verify.mutationOptions(), { success: (c) => `${formatPhoneNumber(c.phoneNumber)} is verified`, invalidate, error: false });

  function reset(next: boolean) {
    setOpen(next);
    if (!next) {
      setPhoneNumber("");
      setFriendlyName("");
      setCurrent(pending ?? null);
      setCode("");
      clear();
    }
  }

  async function call(e?: FormEvent) {
    e?.preventDefault();
    const target = current?.phoneNumber ?? phoneNumber;
    await attempt(async () => {
      const started = await start.mutateAsync({ phoneNumber: target, friendlyName: current ? undefined : friendlyName });
      setCurrent({ id: started.id, phoneNumber: started.phoneNumber, verificationCallId: started.verificationCallId, attemptsLeft: started.attemptsLeft });
      setCode("");
    });
  }

  async function submitCode(e: FormEvent) {
    e.preventDefault();
    if (!current) return;
    const ok = await attempt(() => verify.mutateAsync({ id: current.id, code }));
    if (ok) reset(false);
  }

  const codeBlocked = code.replace(/\D/g, "").length !== 6 ? "Enter the 6 digits" : null;
  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>
        {trigger ?? (
          <Button variant="outline">
            <PhoneOutgoingIcon /> Verify a caller ID
          </Button>
        )}
      </DialogTrigger>
      <DialogContent className="sm:max-w-md">
        <DialogHeader>
          <DialogTitle>{current ? `Verify ${formatPhoneNumber(current.phoneNumber)}` : "Verify a caller ID"}</DialogTitle>
          <DialogDescription>
            {current
              ? "We are calling this number and saying a 6-digit code. Enter it below; the code works for 10 minutes."
              : "A number you own elsewhere (your office line, a mobile) can be the caller ID of your calls once you prove you can answer it: we call it and say a code."}
          </DialogDescription>
        </DialogHeader>
        {!current ? (
          <form ref={formRef} onSubmit={call} className="flex flex-col gap-4">
            <PhoneNumberFormFields
              phoneNumber={phoneNumber}
              onPhoneNumber={setPhoneNumber}
              friendlyName={friendlyName}
              onFriendlyName={setFriendlyName}
              errors={errors}
              pending={start.isPending}
              submitLabel="Call me with a code"
              pendingLabel="Calling…"
              onCancel={() => reset(false)}
            />
          </form>
        ) : (
          <form ref={formRef} onSubmit={submitCode} className="flex flex-col gap-4">
            {current.verificationCallId && <VerificationCallStatus callId={current.verificationCallId} />}
            <FormField label="Code" required error={errors?.fields.code} description={!errors && current.attemptsLeft > 0 ? `${current.attemptsLeft} attempts for this code.` : undefined}>
              <Input value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" autoComplete="one-time-code" placeholder="123456" maxLength={9} autoFocus className="font-mono tracking-widest" />
            </FormField>
            <FormErrorAlert message={errors?.form ?? errors?.fields.phoneNumber} />
            <DialogFooter className="items-center">
              {codeBlocked && <span className="mr-auto text-xs text-muted-foreground">{codeBlocked}</span>}
              <Button type="button" variant="outline" onClick={() => void call()} disabled={start.isPending}>
                {start.isPending ? "Calling…" : "Call again"}
              </Button>
              <Button type="submit" disabled={codeBlocked !== null || verify.isPending}>
                {verify.isPending ? "Checking…" : "Verify"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
