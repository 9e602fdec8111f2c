// The switch's sessions-per-second (FREESWITCH_SESSIONS_PER_SECOND, 10 in this stack) against a tenant allowed 30
// calls a second: the worker paces its originates below the switch's limit (read with `fsctl sps`), so no call
// meets FreeSWITCH's "[CRIT] Throttle Error!" and fails for it (before, 1 in 50 did at the stock limit of 30).
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { createVoiceTenant, describeRealSwitch, placeCall, stackInfo, waitForFinal } from "./harness/fixtures";

describeRealSwitch("originates under the switch's sessions-per-second", () => {
  it("50 calls placed at once by a tenant allowed 30 a second: all answered, none throttled by the switch", async () => {
    const info = stackInfo();
    const throttledBefore = throttleErrors(info.workDir);
    const tenant = await createVoiceTenant({ callsPerSecond: 30, maxConcurrentCalls: 100 });
    const calls = await Promise.all(Array.from({ length: 50 }, () => placeCall(tenant, { to: "+15005550101" })));
    const finals = await Promise.all(calls.map((c) => waitForFinal(tenant, c.id, 60_000)));
    expect(finals.filter((c) => c.status !== "completed").map((c) => `${c.status} ${c.hangup_cause}`)).toEqual([]);
    expect(throttleErrors(info.workDir) - throttledBefore).toBe(0);
  });
});

/** "[CRIT] Throttle Error!" lines in the switch's log so far. */
function throttleErrors(workDir: string): number {
  return (readFileSync(`${workDir}/freeswitch/log/freeswitch.log`, "utf8").match(/Throttle Error/g) ?? []).length;
}
