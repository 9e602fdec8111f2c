import type { SupervisorMonitor } from "@/generated/prisma/client";
import type { MonitorMode } from "@/server/supervision/supervision.schemas";

export interface MonitorView {
  id: string;
  agentId: string;
  callId: string;
  mode: MonitorMode;
  status: "requested" | "ringing" | "active" | "ended" | "failed";
  failure: string | null;
  createdAt: Date;
  endedAt: Date | null;
}

export function toMonitorView(row: SupervisorMonitor): MonitorView {
  return { id: row.id, agentId: row.agentId, callId: row.callId, mode: row.mode as MonitorMode, status: row.status as MonitorView["status"], failure: row.failure, createdAt: row.createdAt, endedAt: row.endedAt };
}
