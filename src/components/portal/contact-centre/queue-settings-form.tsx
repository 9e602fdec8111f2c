"use client";

// A queue's ACD settings: strategy, priority and ageing, service level, overflow, ringing, wrap-up, announcements.
// The server validates every range and the overflow target; its field errors are shown under the fields.
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { fieldErrorsOf, type FieldErrors } from "@/components/portal/contact-centre/field-errors";
import { NativeSelect } from "@/components/portal/contact-centre/native-select";
import type { QueueView } from "@/components/portal/contact-centre/types";
import { useTRPC } from "@/trpc/react";

const STRATEGIES = [
  ["longest-idle", "Longest idle agent"],
  ["round-robin", "Round robin"],
  ["skills-weighted", "Best skills first"],
  ["ring-all", "Ring all"],
] as const;
const OVERFLOW = [
  ["", "Keep waiting"],
  ["queue", "Another queue (its name)"],
  ["voicemail", "Voicemail (box id)"],
  ["number", "A phone number (E.164)"],
  ["flow", "An IVR flow (flow id)"],
] as const;

const NUMBER_FIELDS = ["priority", "agingSeconds", "serviceLevelSeconds", "ringTimeoutSeconds", "maxNoAnswer", "wrapUpSeconds", "maxSize", "callbackMaxAttempts", "callbackRetrySeconds"] as const;
const NULLABLE_NUMBER_FIELDS = ["maxWaitSeconds", "announceEverySeconds"] as const;

type Draft = Record<string, string | boolean>;

function draftOf(q: QueueView): Draft {
  return {
    friendlyName: q.friendlyName,
    strategy: q.strategy,
    overflowAction: q.overflowAction ?? "",
    overflowTarget: q.overflowTarget ?? "",
    dispositionRequired: q.dispositionRequired,
    callbackOffer: q.callbackOffer,
    ...Object.fromEntries(NUMBER_FIELDS.map((f) => [f, String(q[f])])),
    ...Object.fromEntries(NULLABLE_NUMBER_FIELDS.map((f) => [f, q[f] === null ? "" : String(q[f])])),
  };
}

export function QueueSettingsForm({ queue }: { queue: QueueView }) {
  const trpc = useTRPC();
  const [draft, setDraft] = useState<Draft>(() => draftOf(queue));
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useToastMutation(trpc.contactCentre.updateQueue.mutationOptions(), {
    success: "Queue settings saved",
    invalidate: [trpc.contactCentre.queue.queryKey({ queueId: queue.id }), trpc.contactCentre.queues.queryKey()],
    error: (e) => (Object.keys(fieldErrorsOf(e)).length > 0 ? "Check the highlighted fields" : e.message),
  });

  const text = (f: string) => String(draft[f] ?? "");
  const set = (f: string, v: string | boolean) => setDraft((d) => ({ ...d, [f]: v }));
  const num = (v: string) => (v.trim() === "" ? Number.NaN : Number(v));

  function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    const overflowAction = text("overflowAction") || null;
    save.mutate(
      {
        queueId: queue.id,
        friendlyName: text("friendlyName"),
        strategy: text("strategy") as QueueView["strategy"] as never,
        overflowAction: overflowAction as never,
        overflowTarget: overflowAction ? text("overflowTarget") : null,
        dispositionRequired: Boolean(draft.dispositionRequired),
        callbackOffer: Boolean(draft.callbackOffer),
        ...Object.fromEntries(NUMBER_FIELDS.map((f) => [f, num(text(f))])),
        ...Object.fromEntries(NULLABLE_NUMBER_FIELDS.map((f) => [f, text(f).trim() === "" ? null : num(text(f))])),
      },
      {
        onError: (err) => setErrors(fieldErrorsOf(err)),
        onSuccess: (q) => setDraft(draftOf(q)),
      },
    );
  }

  const numberField = (f: string, label: string, description?: string, required = true) => (
    <FormField label={label} description={description} error={errors[f]} required={required} htmlFor={`q-${f}`}>
      <Input name={f} inputMode="numeric" value={text(f)} onChange={(e) => set(f, e.target.value)} />
    </FormField>
  );

  return (
    <Card>
      <CardHeader>
        <CardTitle>Routing settings</CardTitle>
        <CardDescription>How callers in this queue reach agents. Changes apply to the next offer.</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="Queue settings">
          <FormField label="Name" error={errors.friendlyName} required htmlFor="q-friendlyName" description="What <Enqueue> names in voice documents.">
            <Input name="friendlyName" value={text("friendlyName")} onChange={(e) => set("friendlyName", e.target.value)} />
          </FormField>
          <FormField label="Strategy" error={errors.strategy} htmlFor="q-strategy" description="Which of the queue's free agents gets the next caller.">
            <NativeSelect name="strategy" value={text("strategy")} onChange={(e) => set("strategy", e.target.value)}>
              {STRATEGIES.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          {numberField("serviceLevelSeconds", "Service level target (seconds)", "Answered within this counts as in service level.")}
          {numberField("priority", "Priority (0–10)", "Higher first, across the queues an agent serves.")}
          {numberField("agingSeconds", "Ageing (seconds per priority point)", "0 turns ageing off.")}
          {numberField("ringTimeoutSeconds", "Ring an agent for (seconds)")}
          {numberField("maxNoAnswer", "Missed offers before away", "0: never set away.")}
          {numberField("wrapUpSeconds", "Wrap-up (seconds)", "0: straight back to available.")}
          {numberField("maxSize", "Most callers waiting")}
          {numberField("maxWaitSeconds", "Longest wait before overflow (seconds)", "Empty: no limit.", false)}
          <FormField label="Overflow to" error={errors.overflowAction} htmlFor="q-overflowAction">
            <NativeSelect name="overflowAction" value={text("overflowAction")} onChange={(e) => set("overflowAction", e.target.value)}>
              {OVERFLOW.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField label="Overflow target" error={errors.overflowTarget} htmlFor="q-overflowTarget" required={Boolean(text("overflowAction"))}>
            <Input name="overflowTarget" value={text("overflowTarget")} disabled={!text("overflowAction")} onChange={(e) => set("overflowTarget", e.target.value)} />
          </FormField>
          {numberField("announceEverySeconds", "Announce position every (seconds)", "Empty: no announcements.", false)}
          <div className="flex flex-col gap-3 pt-1">
            <div className="flex items-center gap-2">
              <Checkbox id="q-dispositionRequired" checked={Boolean(draft.dispositionRequired)} onCheckedChange={(v) => set("dispositionRequired", v === true)} />
              <Label htmlFor="q-dispositionRequired">Agents must pick a disposition in wrap-up</Label>
            </div>
            <div className="flex items-center gap-2">
              <Checkbox id="q-callbackOffer" checked={Boolean(draft.callbackOffer)} onCheckedChange={(v) => set("callbackOffer", v === true)} />
              <Label htmlFor="q-callbackOffer">Offer callers a call back (press 1, keeping their place)</Label>
            </div>
          </div>
          {Boolean(draft.callbackOffer) && numberField("callbackMaxAttempts", "Callback attempts", "Calls to the customer before the callback fails.")}
          {Boolean(draft.callbackOffer) && numberField("callbackRetrySeconds", "Retry a callback after (seconds)", "When the customer did not answer.")}
          <div className="flex gap-2 sm:col-span-2">
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save settings"}
            </Button>
            <Button type="button" variant="outline" onClick={() => (setDraft(draftOf(queue)), setErrors({}))}>
              Reset
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
