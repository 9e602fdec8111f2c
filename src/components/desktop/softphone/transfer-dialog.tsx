"use client";

// The agent's transfers: the caller goes to another agent (their state shown; an offline one cannot be chosen), a
// queue, or a number with a caller ID of the account.
//   Transfer (Enter) → blind (agents.transfer): the server moves the caller; this leg ends and wrap-up starts.
//   Consult          → attended (agents.consult): the caller waits on hold while the agent talks to the other agent or
//                      number; the consult bar (consult-bar.tsx) then completes, merges or cancels.
//   Add to call      → three-way (agents.consult, mode conference): the third party joins with nobody held.
// A queue takes blind transfers only. Alt+T opens it during a call.
import { useQuery } from "@tanstack/react-query";
import { PhoneForwardedIcon, UserPlusIcon, UsersIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { AgentStateChip } from "@/components/shared/agent-state";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { nativeSelectClass } from "@/components/ui/native-select";
import { cn } from "@/lib/utils";
import { useTRPC } from "@/trpc/react";

type Kind = "agent" | "queue" | "number";

const selectClass = `${nativeSelectClass} w-full`;

export function TransferDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const targets = useQuery({ ...trpc.agents.transferTargets.queryOptions(), enabled: open });
  const [kind, setKind] = useState<Kind>("agent");
  const [agentId, setAgentId] = useState("");
  const [queueId, setQueueId] = useState("");
  const [number, setNumber] = useState("");
  const [callerId, setCallerId] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const transfer = useToastMutation(trpc.agents.transfer.mutationOptions(), {
    success: (r) => `Transferred to ${r.target.label}`,
    invalidate: [trpc.agents.me.queryKey()],
    error: false,
  });

  const consult = useToastMutation(trpc.agents.consult.mutationOptions(), {
    success: (r) => (r.status === "consulting" ? `Calling ${r.target.label}: the caller is on hold` : `Adding ${r.target.label} to the call`),
    invalidate: [trpc.agents.me.queryKey(), trpc.agents.myConsult.queryKey()],
    error: false,
  });
  const pending = transfer.isPending || consult.isPending;

  function submit(e: FormEvent, how: "transfer" | "consult" | "conference" = "transfer") {
    e.preventDefault();
    setErrors({});
    const target =
      kind === "agent" ? { kind, agentId } : kind === "queue" ? { kind, queueId } : { kind, number: number.trim(), ...(callerId ? { callerId } : {}) };
    const missing = kind === "agent" && !agentId ? "agentId" : kind === "queue" && !queueId ? "queueId" : kind === "number" && !number.trim() ? "number" : null;
    if (missing) return setErrors({ [missing]: kind === "number" ? "Type the number to transfer to" : `Choose ${kind === "agent" ? "an agent" : "a queue"}` });
    const handlers = {
      onSuccess: () => onOpenChange(false),
      onError: (err: { message: string; data?: unknown }) => {
        const fields = (err.data as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors ?? {};
        const mine: Record<string, string> = {};
        for (const [field, messages] of Object.entries(fields)) mine[field.replace(/^target\./, "")] = (messages[0] ?? "").replace(/^target\.\w+: /, "");
        setErrors(Object.keys(mine).length ? mine : { form: err.message });
      },
    };
    if (how === "transfer") transfer.mutate({ target }, handlers);
    else if (target.kind !== "queue") consult.mutate({ target, mode: how }, handlers);
  }

  const data = targets.data;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-lg" data-testid="transfer-dialog">
        <form onSubmit={submit} className="flex flex-col gap-4">
          <DialogHeader>
            <DialogTitle>Transfer or add someone</DialogTitle>
            <DialogDescription>
              Transfer sends the caller on at once and your part ends. Consult puts the caller on hold while you talk first; Add to call makes it three-way.
            </DialogDescription>
          </DialogHeader>
          <Tabs value={kind} onValueChange={(v) => setKind(v as Kind)}>
            <TabsList className="grid w-full grid-cols-3">
              <TabsTrigger value="agent">Agent</TabsTrigger>
              <TabsTrigger value="queue">Queue</TabsTrigger>
              <TabsTrigger value="number">Number</TabsTrigger>
            </TabsList>
            <TabsContent value="agent" className="pt-2">
              {data && data.agents.length === 0 ? (
                <p className="text-sm text-muted-foreground">Nobody else is an agent in this account yet.</p>
              ) : (
                <div role="radiogroup" aria-label="Agent" className="flex max-h-64 flex-col gap-1 overflow-y-auto">
                  {data?.agents.map((a) => {
                    const reachable = a.state !== "offline" && a.registered;
                    return (
                      <button
                        key={a.id}
                        type="button"
                        role="radio"
                        aria-checked={agentId === a.id}
                        disabled={!reachable}
                        onClick={() => setAgentId(a.id)}
                        className={cn(
                          "flex items-center justify-between gap-2 rounded-md border px-3 py-2 text-left text-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:opacity-50",
                          agentId === a.id ? "border-primary bg-primary/10" : "border-border hover:bg-muted",
                        )}
                      >
                        <span className="truncate font-medium">{a.name}</span>
                        <AgentStateChip state={a.state} />
                      </button>
                    );
                  })}
                </div>
              )}
              {errors.agentId && <p className="mt-2 text-sm text-destructive">{errors.agentId}</p>}
            </TabsContent>
            <TabsContent value="queue" className="pt-2">
              <FormField label="Queue" htmlFor="transfer-queue" error={errors.queueId}>
                <select className={selectClass} value={queueId} onChange={(e) => setQueueId(e.target.value)}>
                  <option value="">{data?.queues.length === 0 ? "No queues yet" : "Choose…"}</option>
                  {data?.queues.map((q) => (
                    <option key={q.id} value={q.id}>
                      {q.name}
                    </option>
                  ))}
                </select>
              </FormField>
            </TabsContent>
            <TabsContent value="number" className="flex flex-col gap-3 pt-2">
              <FormField label="Number" htmlFor="transfer-number" error={errors.number} description="In international format, such as +14155550100">
                <Input inputMode="tel" autoComplete="off" placeholder="+14155550100" value={number} onChange={(e) => setNumber(e.target.value)} />
              </FormField>
              <FormField label="Caller ID shown" htmlFor="transfer-caller-id" error={errors.callerId}>
                <select className={selectClass} value={callerId} onChange={(e) => setCallerId(e.target.value)}>
                  <option value="">The number the caller called</option>
                  {data?.callerIds.map((c) => (
                    <option key={c.e164} value={c.e164}>
                      {c.e164}
                      {c.label ? ` · ${c.label}` : ""}
                    </option>
                  ))}
                </select>
              </FormField>
            </TabsContent>
          </Tabs>
          {errors.form && (
            <p role="alert" className="text-sm text-destructive">
              {errors.form}
            </p>
          )}
          <DialogFooter className="flex-wrap gap-2">
            <Button type="button" variant="ghost" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            {kind !== "queue" && (
              <>
                <Button type="button" variant="outline" disabled={pending} onClick={(e) => submit(e, "conference")}>
                  <UserPlusIcon /> Add to call
                </Button>
                <Button type="button" variant="outline" disabled={pending} onClick={(e) => submit(e, "consult")}>
                  <UsersIcon /> Consult
                </Button>
              </>
            )}
            <Button type="submit" disabled={pending}>
              <PhoneForwardedIcon /> {transfer.isPending ? "Transferring…" : "Transfer"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
