// Answering-machine detection asked for a call, as Twilio names and bounds it (MachineDetection, its timeout and
// thresholds, AsyncAmd and its callback): checked once here, stored on the call (Call.machineDetection), run by the
// worker on answer (worker/call-control/amd-runner.ts, with src/lib/amd/amd-analyzer.ts deciding).
import { z } from "zod";
import { ZHttpMethod, ZHttpUrl } from "@/server/calls/http-fields";

export const MACHINE_DETECTION_MODES = ["Enable", "DetectMessageEnd"] as const;

/** The fields of a create-call input that ask for detection (the native API's names; Twilio's map onto them). */
export const ZMachineDetectionFields = {
  /** Enable: decide human / machine / fax as soon as possible; DetectMessageEnd: for a machine, wait for its beep or silence. */
  machineDetection: z.enum(MACHINE_DETECTION_MODES).optional(),
  /** Seconds to decide before answeredBy is unknown (Twilio: 3-59, default 30). */
  machineDetectionTimeout: z.number().int().min(3).max(59).default(30),
  /** ms of speech beyond which the greeting is a machine's (1000-6000, default 2400). */
  machineDetectionSpeechThreshold: z.number().int().min(1000).max(6000).default(2400),
  /** ms of silence that ends the greeting (500-5000, default 1200). */
  machineDetectionSpeechEndThreshold: z.number().int().min(500).max(5000).default(1200),
  /** ms of silence before any speech that gives unknown (2000-10000, default 5000). */
  machineDetectionSilenceTimeout: z.number().int().min(2000).max(10000).default(5000),
  /** The document runs at once while detection goes on; the result goes to asyncAmdStatusCallback. */
  asyncAmd: z.boolean().default(false),
  asyncAmdStatusCallback: ZHttpUrl.optional(),
  asyncAmdStatusCallbackMethod: ZHttpMethod.default("POST"),
};

/** What the call stores and the worker reads. */
export const ZStoredMachineDetection = z.object({
  mode: z.enum(MACHINE_DETECTION_MODES),
  timeoutMs: z.number().int(),
  speechThresholdMs: z.number().int(),
  speechEndThresholdMs: z.number().int(),
  silenceTimeoutMs: z.number().int(),
  async: z.boolean(),
  callback: z.object({ url: z.string(), method: ZHttpMethod }).nullable(),
});
export type StoredMachineDetection = z.infer<typeof ZStoredMachineDetection>;

type Fields = z.output<z.ZodObject<typeof ZMachineDetectionFields>>;

/** The stored form of a parsed input, or null when detection was not asked. */
export function storedMachineDetection(input: Fields): StoredMachineDetection | null {
  if (!input.machineDetection) return null;
  return {
    mode: input.machineDetection,
    timeoutMs: input.machineDetectionTimeout * 1000,
    speechThresholdMs: input.machineDetectionSpeechThreshold,
    speechEndThresholdMs: input.machineDetectionSpeechEndThreshold,
    silenceTimeoutMs: input.machineDetectionSilenceTimeout,
    async: input.asyncAmd,
    callback: input.asyncAmdStatusCallback ? { url: input.asyncAmdStatusCallback, method: input.asyncAmdStatusCallbackMethod } : null,
  };
}

/** Asking for the async form without detection, or a callback without the async form, is a mistake worth a 400. */
export function checkMachineDetection(value: Record<string, unknown>, ctx: z.RefinementCtx, names = { mode: "machineDetection", async: "asyncAmd", callback: "asyncAmdStatusCallback" }): void {
  if (value[names.mode] === undefined) {
    for (const name of [names.async, names.callback]) {
      if (value[name] !== undefined && value[name] !== false) ctx.addIssue({ code: "custom", path: [name], message: `needs ${names.mode} (Enable or DetectMessageEnd)` });
    }
  } else if (value[names.async] === true && value[names.callback] === undefined) {
    ctx.addIssue({ code: "custom", path: [names.callback], message: `is required when ${names.async} is true: the result is posted there` });
  }
}

/** The stored form read back (null when absent or unreadable: the call then runs without detection). */
export function readMachineDetection(value: unknown): StoredMachineDetection | null {
  if (value === null || value === undefined) return null;
  const parsed = ZStoredMachineDetection.safeParse(value);
  return parsed.success ? parsed.data : null;
}
