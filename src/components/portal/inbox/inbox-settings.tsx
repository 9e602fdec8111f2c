"use client";

// Canned responses (short code + body, inserted with "/" in the composer) and inbox teams with their members.
import { useQuery } from "@tanstack/react-query";
import { MessageSquareQuoteIcon, Trash2Icon, UsersIcon } from "lucide-react";
import { useState } from "react";
import { InboxNav } from "@/components/portal/inbox/inbox-nav";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { Textarea } from "@/components/ui/textarea";
import { useTRPC } from "@/trpc/react";

export function InboxSettings() {
  return (
    <div className="space-y-6">
      <PageHeader title="Inbox settings" description="Saved replies agents insert with “/”, and the teams conversations can be given to." />
      <InboxNav current="/inbox/settings" />
      <div className="grid gap-6 lg:grid-cols-2">
        <CannedResponsesCard />
        <TeamsCard />
      </div>
    </div>
  );
}

function CannedResponsesCard() {
  const trpc = useTRPC();
  const list = useQuery(trpc.inbox.cannedResponses.queryOptions());
  const [shortCode, setShortCode] = useState("");
  const [body, setBody] = useState("");
  const create = useToastMutation(
    trpc.inbox.createCannedResponse.mutationOptions({
      onSuccess: () => {
        setShortCode("");
        setBody("");
      },
    }),
    { success: (c) => `/${c.shortCode} saved`, invalidate: [trpc.inbox.cannedResponses.queryKey()] },
  );
  const remove = useToastMutation(trpc.inbox.deleteCannedResponse.mutationOptions(), { success: "Canned response deleted", invalidate: [trpc.inbox.cannedResponses.queryKey()] });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Canned responses</CardTitle>
        <CardDescription>Type “/” and the short code in a reply to insert one.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ shortCode, body });
          }}
        >
          <div className="grid gap-2 sm:grid-cols-[10rem_1fr]">
            <div className="space-y-1">
              <Label htmlFor="canned-code">Short code</Label>
              <Input id="canned-code" value={shortCode} onChange={(e) => setShortCode(e.target.value)} placeholder="hours" required />
            </div>
            <div className="space-y-1">
              <Label htmlFor="canned-body">Reply</Label>
              <Textarea id="canned-body" value={body} onChange={(e) => setBody(e.target.value)} placeholder="We are open 9–5, Monday to Friday." rows={2} required />
            </div>
          </div>
          <Button type="submit" disabled={create.isPending}>
            Save canned response
          </Button>
        </form>
        {list.data?.length === 0 && <EmptyState icon={<MessageSquareQuoteIcon />} title="No canned responses yet" description="Save the answers your team types most." />}
        <ul className="divide-y rounded-md border empty:hidden">
          {list.data?.map((c) => (
            <li key={c.id} className="flex items-start gap-3 p-3 text-sm">
              <span className="font-mono text-xs">/{c.shortCode}</span>
              <span className="flex-1 whitespace-pre-wrap text-muted-foreground">{c.body}</span>
              <Button variant="ghost" size="icon" aria-label={`Delete /${c.shortCode}`} onClick={() => remove.mutate({ id: c.id })}>
                <Trash2Icon />
              </Button>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

function TeamsCard() {
  const trpc = useTRPC();
  const teams = useQuery(trpc.inbox.teams.queryOptions());
  const members = useQuery(trpc.inbox.members.queryOptions());
  const [name, setName] = useState("");
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const create = useToastMutation(
    trpc.inbox.createTeam.mutationOptions({
      onSuccess: () => {
        setName("");
        setPicked(new Set());
      },
    }),
    { success: (t) => `Team ${t.name} created`, invalidate: [trpc.inbox.teams.queryKey()] },
  );
  const remove = useToastMutation(trpc.inbox.deleteTeam.mutationOptions(), { success: "Team deleted", invalidate: [trpc.inbox.teams.queryKey()] });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Teams</CardTitle>
        <CardDescription>A conversation given to a team goes round-robin among its available members when it reopens.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ name, memberUserIds: [...picked] });
          }}
        >
          <div className="space-y-1">
            <Label htmlFor="team-name">Team name</Label>
            <Input id="team-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Billing" required />
          </div>
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium">Members</legend>
            <div className="grid gap-1 sm:grid-cols-2">
              {members.data?.map((m) => (
                <label key={m.userId} className="flex items-center gap-2 text-sm">
                  <Checkbox
                    checked={picked.has(m.userId)}
                    onCheckedChange={(v) =>
                      setPicked((p) => {
                        const next = new Set(p);
                        if (v === true) next.add(m.userId);
                        else next.delete(m.userId);
                        return next;
                      })
                    }
                  />
                  {m.name} <span className="text-muted-foreground">· {m.availability}, {m.openConversations} of {m.capacity} open</span>
                </label>
              ))}
            </div>
          </fieldset>
          <Button type="submit" disabled={create.isPending}>
            Create team
          </Button>
        </form>
        {teams.data?.length === 0 && <EmptyState icon={<UsersIcon />} title="No teams yet" description="Group agents by skill, language or shift." />}
        <ul className="divide-y rounded-md border empty:hidden">
          {teams.data?.map((t) => (
            <li key={t.id} className="flex items-start gap-3 p-3 text-sm">
              <span className="font-medium">{t.name}</span>
              <span className="flex-1 text-muted-foreground">{t.members.map((m) => m.name).join(", ") || "No members"}</span>
              <Button variant="ghost" size="icon" aria-label={`Delete team ${t.name}`} onClick={() => remove.mutate({ id: t.id })}>
                <Trash2Icon />
              </Button>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
