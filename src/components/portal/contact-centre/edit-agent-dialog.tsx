"use client";

// A supervisor edits an agent's routing profile: capacity for calls and conversations, skills with levels 1–10, and
// the queues they serve. Field errors from the server are shown under their fields.
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { fieldErrorsOf, type FieldErrors } from "@/components/portal/contact-centre/field-errors";
import type { AgentView } from "@/components/portal/contact-centre/types";
import { useTRPC } from "@/trpc/react";

export function EditAgentDialog({ agent, onClose }: { agent: AgentView; onClose: () => void }) {
  const trpc = useTRPC();
  const skills = useQuery(trpc.contactCentre.list.queryOptions({ kind: "skill" }));
  const queues = useQuery(trpc.contactCentre.queues.queryOptions());
  const [calls, setCalls] = useState(String(agent.callCapacity));
  const [conversations, setConversations] = useState(String(agent.conversationCapacity));
  const [levels, setLevels] = useState<Record<string, string>>(() => Object.fromEntries(agent.skills.map((s) => [s.skillId, String(s.level)])));
  const [queueIds, setQueueIds] = useState(() => new Set(agent.queueIds));
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useToastMutation(trpc.contactCentre.updateAgent.mutationOptions(), {
    success: (a) => `${a.name}'s profile saved`,
    invalidate: [trpc.agents.list.queryKey(), trpc.contactCentre.queues.queryKey()],
    error: false,
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    save.mutate(
      {
        agentId: agent.id,
        callCapacity: Number(calls),
        conversationCapacity: Number(conversations),
        skills: Object.entries(levels).map(([skillId, level]) => ({ skillId, level: Number(level) })),
        queueIds: [...queueIds],
      },
      { onSuccess: onClose, onError: (err) => setErrors(Object.keys(fieldErrorsOf(err)).length > 0 ? fieldErrorsOf(err) : { form: err.message }) },
    );
  }
  // zod's paths for an array's items are "skills.0.level" flattened to "skills".
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-h-[90vh] overflow-y-auto">
        <form onSubmit={submit} noValidate className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Routing profile: {agent.name}</DialogTitle>
            <DialogDescription>What the router may give this agent, and which queues they serve.</DialogDescription>
          </DialogHeader>
          <div className="grid grid-cols-2 gap-3">
            <FormField label="Calls at once (0–1)" error={errors.callCapacity} htmlFor="agent-calls">
              <Input inputMode="numeric" value={calls} onChange={(e) => setCalls(e.target.value)} />
            </FormField>
            <FormField label="Conversations at once (0–50)" error={errors.conversationCapacity} htmlFor="agent-conversations">
              <Input inputMode="numeric" value={conversations} onChange={(e) => setConversations(e.target.value)} />
            </FormField>
          </div>
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">Skills and levels (1–10)</legend>
            {skills.data?.length === 0 && <p className="text-sm text-muted-foreground">No skills yet: add them under Settings → Contact centre.</p>}
            {skills.data?.map((s) => {
              const on = s.id in levels;
              return (
                <div key={s.id} className="flex items-center gap-2">
                  <Checkbox
                    id={`as-${s.id}`}
                    checked={on}
                    onCheckedChange={(v) =>
                      setLevels((all) => {
                        const next = { ...all };
                        if (v === true) next[s.id] = "5";
                        else delete next[s.id];
                        return next;
                      })
                    }
                  />
                  <Label htmlFor={`as-${s.id}`} className="flex-1">
                    {s.name}
                  </Label>
                  <Input aria-label={`${s.name} level`} className="w-16" inputMode="numeric" disabled={!on} value={levels[s.id] ?? ""} onChange={(e) => setLevels((all) => ({ ...all, [s.id]: e.target.value }))} />
                </div>
              );
            })}
            {errors.skills && <p className="text-sm text-destructive">{errors.skills}</p>}
          </fieldset>
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">Queues</legend>
            {queues.data?.length === 0 && <p className="text-sm text-muted-foreground">No queues yet.</p>}
            {queues.data?.map((q) => (
              <div key={q.id} className="flex items-center gap-2">
                <Checkbox
                  id={`aq-${q.id}`}
                  checked={queueIds.has(q.id)}
                  onCheckedChange={(v) =>
                    setQueueIds((s) => {
                      const next = new Set(s);
                      if (v === true) next.add(q.id);
                      else next.delete(q.id);
                      return next;
                    })
                  }
                />
                <Label htmlFor={`aq-${q.id}`}>{q.friendlyName}</Label>
              </div>
            ))}
          </fieldset>
          {errors.form && (
            <p role="alert" className="text-sm text-destructive">
              {errors.form}
            </p>
          )}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={save.isPending}>
              Save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
