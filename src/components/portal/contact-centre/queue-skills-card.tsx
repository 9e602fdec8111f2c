"use client";

// The skills a queue requires (each with a minimum level 1–10) and the agents serving it.
import { useQuery } from "@tanstack/react-query";
import { XIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { NativeSelect } from "@/components/portal/contact-centre/native-select";
import type { QueueView } from "@/components/portal/contact-centre/types";
import { useTRPC } from "@/trpc/react";

export function QueueSkillsCard({ queue }: { queue: QueueView }) {
  const trpc = useTRPC();
  const skills = useQuery(trpc.contactCentre.list.queryOptions({ kind: "skill" }));
  const [rows, setRows] = useState(() => queue.skills.map((s) => ({ skillId: s.skillId, minLevel: String(s.minLevel) })));
  const [adding, setAdding] = useState("");
  const save = useToastMutation(trpc.contactCentre.setQueueSkills.mutationOptions(), {
    success: "Required skills saved",
    invalidate: [trpc.contactCentre.queue.queryKey({ queueId: queue.id })],
  });
  const name = new Map((skills.data ?? []).map((s) => [s.id, s.name]));
  const free = (skills.data ?? []).filter((s) => !rows.some((r) => r.skillId === s.id));
  return (
    <Card>
      <CardHeader>
        <CardTitle>Required skills</CardTitle>
        <CardDescription>Only agents with every skill at or above its level are offered this queue&apos;s callers.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {rows.length === 0 && <p className="text-sm text-muted-foreground">No skills required: any agent serving the queue may answer.</p>}
        {rows.map((r, i) => (
          <div key={r.skillId} className="flex items-center gap-2">
            <Label htmlFor={`skill-${r.skillId}`} className="flex-1 truncate">
              {name.get(r.skillId) ?? r.skillId}
            </Label>
            <span className="text-xs text-muted-foreground">min level</span>
            <Input
              id={`skill-${r.skillId}`}
              className="w-16"
              inputMode="numeric"
              value={r.minLevel}
              onChange={(e) => setRows((all) => all.map((x, j) => (j === i ? { ...x, minLevel: e.target.value } : x)))}
            />
            <Button variant="ghost" size="icon-sm" aria-label={`Remove ${name.get(r.skillId) ?? "skill"}`} onClick={() => setRows((all) => all.filter((_, j) => j !== i))}>
              <XIcon />
            </Button>
          </div>
        ))}
        <div className="flex gap-2">
          <NativeSelect aria-label="Add a skill" value={adding} onChange={(e) => setAdding(e.target.value)} disabled={free.length === 0}>
            <option value="">{(skills.data ?? []).length === 0 ? "No skills yet: add them in Settings → Contact centre" : "Add a skill…"}</option>
            {free.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </NativeSelect>
          <Button type="button" variant="outline" disabled={!adding} onClick={() => (setRows((all) => [...all, { skillId: adding, minLevel: "1" }]), setAdding(""))}>
            Add
          </Button>
        </div>
        <div>
          <Button disabled={save.isPending} onClick={() => save.mutate({ queueId: queue.id, skills: rows.map((r) => ({ skillId: r.skillId, minLevel: Number(r.minLevel) })) })}>
            Save skills
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}

export function QueueAgentsCard({ queue }: { queue: QueueView }) {
  const trpc = useTRPC();
  const agents = useQuery(trpc.agents.list.queryOptions());
  const [chosen, setChosen] = useState(() => new Set(queue.agentIds));
  const save = useToastMutation(trpc.contactCentre.setQueueAgents.mutationOptions(), {
    success: "Agents saved",
    invalidate: [trpc.contactCentre.queue.queryKey({ queueId: queue.id }), trpc.agents.list.queryKey()],
  });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Agents serving this queue</CardTitle>
        <CardDescription>{agents.data ? `${chosen.size} of ${agents.data.length} agents.` : "Loading agents…"}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {agents.data?.length === 0 && <p className="text-sm text-muted-foreground">No agents yet: members become agents when they first open the agent desktop.</p>}
        <ul className="grid gap-2 sm:grid-cols-2">
          {agents.data?.map((a) => (
            <li key={a.id} className="flex items-center gap-2">
              <Checkbox
                id={`qa-${a.id}`}
                checked={chosen.has(a.id)}
                onCheckedChange={(v) =>
                  setChosen((s) => {
                    const next = new Set(s);
                    if (v === true) next.add(a.id);
                    else next.delete(a.id);
                    return next;
                  })
                }
              />
              <Label htmlFor={`qa-${a.id}`} className="truncate">
                {a.name}
              </Label>
            </li>
          ))}
        </ul>
        <div>
          <Button disabled={save.isPending || !agents.data} onClick={() => save.mutate({ queueId: queue.id, agentIds: [...chosen] })}>
            Save agents
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
