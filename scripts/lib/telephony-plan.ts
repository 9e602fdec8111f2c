// Which telephony `npm run dev` and `npm start` run beside the app. The rule, in order:
//   1. IRISX_WORKER=off: none (the worker runs elsewhere, e.g. the compose `worker` service).
//   2. FREESWITCH_ESL_HOST set: a worker for that switch.
//   3. IRISX_WORKER=simulator, or the embedded database: the switch simulator and a worker on it.
//   4. Otherwise (your own DATABASE_URL, no switch): none.
// Rule 4 is what keeps a production app from starting a simulated twin of the real worker: the twin would claim
// real queued calls, "complete" and bill them without any reaching a carrier, and reconcile real live calls away.
import { z } from "zod";
import { LaunchError } from "./runtime.ts";

export type TelephonyPlan =
  | { kind: "simulator"; reason: string }
  | { kind: "switch"; host: string; port: number; reason: string }
  | { kind: "none"; reason: string };

const blankIsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const ZTelephonyEnv = z.object({
  IRISX_WORKER: z.preprocess(blankIsUnset, z.enum(["auto", "off", "simulator"]).default("auto")),
  FREESWITCH_ESL_HOST: z.preprocess(blankIsUnset, z.string().trim().optional()),
  FREESWITCH_ESL_PORT: z.preprocess(blankIsUnset, z.coerce.number().int().positive().default(8021)),
});

export interface PlanTelephonyInput {
  env: Record<string, string | undefined>;
  /** The launcher runs PostgreSQL itself (no DATABASE_URL was given): a machine of its own, not a deployment. */
  embeddedDatabase: boolean;
}

export function planTelephony(input: PlanTelephonyInput): TelephonyPlan {
  const parsed = ZTelephonyEnv.safeParse(input.env);
  if (!parsed.success) throw new LaunchError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const { IRISX_WORKER: worker, FREESWITCH_ESL_HOST: host, FREESWITCH_ESL_PORT: port } = parsed.data;

  if (worker === "off") return { kind: "none", reason: "IRISX_WORKER=off: no worker and no switch simulator here" };
  if (host) {
    if (worker === "simulator") throw new LaunchError("IRISX_WORKER=simulator and FREESWITCH_ESL_HOST are both set: unset one of them");
    return { kind: "switch", host, port, reason: `FreeSWITCH at ${host}:${port}` };
  }
  if (worker === "simulator") return { kind: "simulator", reason: "IRISX_WORKER=simulator" };
  if (input.embeddedDatabase) return { kind: "simulator", reason: "no FreeSWITCH configured and the embedded database" };
  return {
    kind: "none",
    reason:
      "DATABASE_URL is your own database and FREESWITCH_ESL_HOST is unset, so neither the switch simulator nor a worker starts " +
      "(set FREESWITCH_ESL_HOST for a worker here, run `npm run worker` beside your FreeSWITCH, or IRISX_WORKER=simulator for a simulated switch)",
  };
}
