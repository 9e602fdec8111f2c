import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { finalStatusForHangup, HANGUP_CAUSES, hangupCauseInfo, renderHangupCauseTable } from "@/server/calls/hangup-causes";

/** The mapping for a leg that was not answered and whose end nobody requested. */
const EXPECTED_UNANSWERED: Record<string, string> = {
  NORMAL_CLEARING: "NO_ANSWER",
  ORIGINATOR_CANCEL: "CANCELED",
  MANAGER_REQUEST: "CANCELED",
  LOSE_RACE: "CANCELED",
  PICKED_OFF: "CANCELED",
  USER_BUSY: "BUSY",
  CALL_REJECTED: "BUSY",
  NO_ANSWER: "NO_ANSWER",
  NO_USER_RESPONSE: "NO_ANSWER",
  SUBSCRIBER_ABSENT: "NO_ANSWER",
  PROGRESS_TIMEOUT: "NO_ANSWER",
  ALLOTTED_TIMEOUT: "NO_ANSWER",
  NORMAL_UNSPECIFIED: "NO_ANSWER",
  UNALLOCATED_NUMBER: "FAILED",
  NO_ROUTE_DESTINATION: "FAILED",
  NUMBER_CHANGED: "FAILED",
  INVALID_NUMBER_FORMAT: "FAILED",
  USER_NOT_REGISTERED: "FAILED",
  DESTINATION_OUT_OF_ORDER: "FAILED",
  NETWORK_OUT_OF_ORDER: "FAILED",
  NORMAL_TEMPORARY_FAILURE: "FAILED",
  SWITCH_CONGESTION: "FAILED",
  NORMAL_CIRCUIT_CONGESTION: "FAILED",
  SERVICE_UNAVAILABLE: "FAILED",
  RECOVERY_ON_TIMER_EXPIRE: "FAILED",
  INCOMPATIBLE_DESTINATION: "FAILED",
  MEDIA_TIMEOUT: "FAILED",
  GATEWAY_DOWN: "FAILED",
  EXCHANGE_ROUTING_ERROR: "FAILED",
  INTERWORKING: "FAILED",
  SYSTEM_SHUTDOWN: "FAILED",
  QUEUE_TIMEOUT: "FAILED",
};

describe("hangup causes", () => {
  it("lists each cause once, and the test pins every one of them", () => {
    const causes = HANGUP_CAUSES.map((c) => c.cause);
    expect(new Set(causes).size).toBe(causes.length);
    expect([...causes].sort()).toEqual(Object.keys(EXPECTED_UNANSWERED).sort());
  });

  it.each(Object.entries(EXPECTED_UNANSWERED))("%s before answer → %s", (cause, status) => {
    expect(finalStatusForHangup({ hangupCause: cause, answered: false, endRequested: false })).toBe(status);
  });

  it.each(HANGUP_CAUSES.map((c) => c.cause))("%s after answer → COMPLETED", (cause) => {
    expect(finalStatusForHangup({ hangupCause: cause, answered: true, endRequested: false })).toBe("COMPLETED");
    expect(finalStatusForHangup({ hangupCause: cause, answered: true, endRequested: true })).toBe("COMPLETED");
  });

  it.each(HANGUP_CAUSES.map((c) => c.cause))("%s before answer with an end requested → CANCELED", (cause) => {
    expect(finalStatusForHangup({ hangupCause: cause, answered: false, endRequested: true })).toBe("CANCELED");
  });

  it("reads an unknown or missing cause as failed, and matches causes case-insensitively", () => {
    expect(finalStatusForHangup({ hangupCause: "SOMETHING_NEW", answered: false, endRequested: false })).toBe("FAILED");
    expect(finalStatusForHangup({ hangupCause: null, answered: false, endRequested: false })).toBe("FAILED");
    expect(hangupCauseInfo(" user_busy ")?.sip).toBe(486);
  });

  it("keeps FreeSWITCH's numeric codes and SIP statuses for the well-known causes", () => {
    expect(hangupCauseInfo("NORMAL_CLEARING")?.code).toBe(16);
    expect(hangupCauseInfo("ORIGINATOR_CANCEL")).toMatchObject({ code: 487, sip: 487 });
    expect(hangupCauseInfo("CALL_REJECTED")?.sip).toBe(603);
    expect(hangupCauseInfo("UNALLOCATED_NUMBER")?.sip).toBe(404);
    expect(hangupCauseInfo("NORMAL_TEMPORARY_FAILURE")?.sip).toBe(503);
    expect(hangupCauseInfo("USER_NOT_REGISTERED")?.code).toBe(606);
  });

  it("renders a markdown table with a row per cause and the fallback", () => {
    const md = renderHangupCauseTable();
    const rows = md.split("\n").filter((l) => l.startsWith("| `") || l.startsWith("| any"));
    expect(rows).toHaveLength(HANGUP_CAUSES.length + 1);
    expect(md).toContain("| `USER_BUSY` | 17 | 486 | `busy` |");
    expect(md).toContain("| `NO_ANSWER` | 19 | 480 | `no-answer` |");
    expect(md).toContain("| any other cause | | | `failed` | |");
    expect(md).toContain("| `QUEUE_TIMEOUT` |  |  | `failed` |");
  });
});

describe("README", () => {
  it("prints the current table between its markers", () => {
    const readme = readFileSync(path.join(process.cwd(), "README.md"), "utf8");
    const match = /<!-- hangup-causes:start -->\n([\s\S]*?)\n<!-- hangup-causes:end -->/.exec(readme);
    expect(match, "README.md lacks the hangup-causes markers").not.toBeNull();
    expect(match![1]).toBe(renderHangupCauseTable());
  });
});
