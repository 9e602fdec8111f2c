"use client";

// Click-to-call from the softphone: a number (or a colleague's line name) and the caller ID to show, one of the
// account's (agents.callerIds). The call leaves from the agent's own line; the app checks the caller
// ID and dials (create-agent-call.ts).
import { useQuery } from "@tanstack/react-query";
import { PhoneOutgoingIcon } from "lucide-react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { nativeSelectClass } from "@/components/ui/native-select";
import { useTRPC } from "@/trpc/react";
import { onDialRequest } from "./dial-request";

const selectClass = `${nativeSelectClass} w-full`;

export function DialForm({ disabled, onDial }: { disabled: boolean; onDial: (target: string, callerId: string | undefined) => boolean }) {
  const trpc = useTRPC();
  const callerIdsQuery = useQuery(trpc.agents.callerIds.queryOptions());
  const [target, setTarget] = useState("");
  const [callerId, setCallerId] = useState("");
  const [error, setError] = useState<string | undefined>();
  const callerIds = callerIdsQuery.data ?? [];
  const input = useRef<HTMLInputElement>(null);
  // The call history's Call back: the number filled in, the agent presses Call (and may change the caller ID first).
  useEffect(
    () =>
      onDialRequest((number) => {
        setTarget(number);
        setError(undefined);
        input.current?.focus();
      }),
    [],
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    if (!target.trim()) return setError("Type a number, such as +14155550100, or a colleague's line");
    if (!onDial(target, callerId || callerIds[0]?.e164)) setError("That is not a number or line name the phone can call");
  }

  return (
    <form onSubmit={submit} aria-label="Make a call" className="flex flex-col gap-3">
      <FormField label="Call" htmlFor="dial-target" error={error}>
        <Input ref={input} inputMode="tel" autoComplete="off" placeholder="+14155550100" value={target} onChange={(e) => setTarget(e.target.value)} disabled={disabled} />
      </FormField>
      <FormField label="Show caller ID" htmlFor="dial-caller-id" description={callerIds.length === 0 && callerIdsQuery.isSuccess ? "The account has no number to call out from yet." : undefined}>
        <select className={selectClass} value={callerId} onChange={(e) => setCallerId(e.target.value)} disabled={disabled || callerIds.length === 0}>
          {callerIds.map((c) => (
            <option key={c.e164} value={c.e164}>
              {c.e164}
              {c.label ? ` · ${c.label}` : ""}
            </option>
          ))}
        </select>
      </FormField>
      <Button type="submit" disabled={disabled}>
        <PhoneOutgoingIcon /> Call
      </Button>
    </form>
  );
}
