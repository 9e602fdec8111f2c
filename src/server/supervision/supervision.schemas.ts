import { z } from "zod";

export const MONITOR_MODES = ["listen", "whisper", "barge"] as const;
export type MonitorMode = (typeof MONITOR_MODES)[number];

export const ZMonitorAgentCallInput = z.object({ agentId: z.string().trim().min(1).max(64), mode: z.enum(MONITOR_MODES).default("listen") });
export type TMonitorAgentCallInput = z.input<typeof ZMonitorAgentCallInput>;

export const ZChangeMonitorModeInput = z.object({ monitorId: z.string().trim().min(1).max(64), mode: z.enum(MONITOR_MODES) });
export type TChangeMonitorModeInput = z.input<typeof ZChangeMonitorModeInput>;

export const ZMonitorIdInput = z.object({ monitorId: z.string().trim().min(1).max(64) });
export type TMonitorIdInput = z.input<typeof ZMonitorIdInput>;

/** What the worker runs for a request (worker/acd/supervisor-monitors.ts). */
export const MONITOR_CHANNEL = "irisx_monitor_requested";
