import { z } from "zod";
import { ZPageInput } from "@/server/shared/paging";

/** Where an error arose: fetching a document, reading it, running a verb, a speech provider, or a wait that ran out. */
export const DEBUGGER_ERROR_SOURCES = ["fetch", "document", "verb", "provider", "timeout"] as const;
export type DebuggerErrorSource = (typeof DEBUGGER_ERROR_SOURCES)[number];

/** The CallEvent types that are errors: the worker's debugger entries, and the two kinds written before them. */
export const DEBUGGER_EVENT_TYPES = ["debugger.error", "handler.failed", "playback.failed"] as const;

const ZDebuggerFilters = z.strictObject({
  code: z.number().int().min(10000).max(99999).optional(),
  callId: z.string().trim().min(1).max(64).optional(),
  source: z.enum(DEBUGGER_ERROR_SOURCES).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});

function rangeInOrder(v: { from?: Date; to?: Date }, ctx: z.RefinementCtx) {
  if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "to must not be before from" });
}

export const ZFindDebuggerErrorsInput = ZDebuggerFilters.extend(ZPageInput.shape).superRefine(rangeInOrder);
export type TFindDebuggerErrorsInput = z.input<typeof ZFindDebuggerErrorsInput>;

export const ZCountDebuggerErrorsInput = ZDebuggerFilters.superRefine(rangeInOrder);
export type TCountDebuggerErrorsInput = z.input<typeof ZCountDebuggerErrorsInput>;
export type DebuggerFilters = z.output<typeof ZDebuggerFilters>;
