"use client";

// A supervisor's force of an agent's state: the choice, a reason when away, and an explicit confirm (the server audits it).
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import type { AgentView, ListItem } from "@/components/portal/contact-centre/types";
import { useTRPC } from "@/trpc/react";

type Target = "available" | "away" | "offline";
const VERB: Record<Target, string> = { available: "Make available", away: "Set away", offline: "Log out" };

export function ForceStateDialog({ agent, target, reasons, onClose }: { agent: AgentView; target: Target; reasons: ListItem[]; onClose: () => void }) {
  const trpc = useTRPC();
  const [reasonId, setReasonId] = useState<string>("");
  const force = useToastMutation(trpc.agents.forceState.mutationOptions(), {
    success: (a) => `${a.name} is now ${a.state}`,
    invalidate: [trpc.agents.list.queryKey()],
  });
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>
            {VERB[target]}: {agent.name}?
          </DialogTitle>
          <DialogDescription>
            {target === "offline"
              ? "They stop receiving calls and conversations until they log in again."
              : target === "away"
                ? "They stop receiving new calls and conversations until they are available again."
                : "They start receiving calls and conversations from their queues."}{" "}
            This is recorded in the audit log.
          </DialogDescription>
        </DialogHeader>
        {target === "away" && reasons.length > 0 && (
          <div className="grid gap-2">
            <Label htmlFor="force-reason">Reason</Label>
            <Select value={reasonId} onValueChange={setReasonId}>
              <SelectTrigger id="force-reason" className="w-full">
                <SelectValue placeholder="No reason" />
              </SelectTrigger>
              <SelectContent>
                {reasons.map((r) => (
                  <SelectItem key={r.id} value={r.id}>
                    {r.name}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
        )}
        <DialogFooter>
          <Button variant="outline" onClick={onClose}>
            Cancel
          </Button>
          <Button
            variant={target === "available" ? "default" : "destructive"}
            disabled={force.isPending}
            onClick={() => force.mutate({ agentId: agent.id, state: target, awayReasonId: target === "away" && reasonId ? reasonId : null }, { onSuccess: onClose })}
          >
            {VERB[target]}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
