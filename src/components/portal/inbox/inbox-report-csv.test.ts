import { describe, expect, it } from "vitest";
import { inboxReportCsv } from "@/components/portal/inbox/inbox-report-csv";

const f = (handled: number) => ({ handled, resolved: 1, firstResponseMedianS: 120, firstResponseP90S: 168.25, resolutionMedianS: null, resolutionP90S: null });

describe("inbox report CSV", () => {
  it("writes each table as a section, quoting what needs it and leaving missing times empty", () => {
    const counts = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
    counts[1]![10] = 2;
    const csv = inboxReportCsv({
      days: 7,
      timeZone: "Asia/Tokyo",
      volume: { days: [{ day: "2026-03-10", opened: 3, resolved: 1 }], totals: f(5) },
      channels: [{ channel: "sms", ...f(3) }],
      agents: [{ name: 'Ann "the ace", Lee', ...f(2) }],
      hours: { counts },
    });
    const lines = csv.split("\r\n");
    expect(lines.slice(0, 9)).toEqual([
      "report,\"inbox, last 7 days\",time_zone,Asia/Tokyo",
      "",
      "summary,conversations,resolved,first_response_median_s,first_response_p90_s,resolution_median_s,resolution_p90_s",
      "all,5,1,120,168.25,,",
      "",
      "day,opened,resolved",
      "2026-03-10,3,1",
      "",
      "channel,conversations,resolved,first_response_median_s,first_response_p90_s,resolution_median_s,resolution_p90_s",
    ]);
    expect(lines).toContain('"Ann ""the ace"", Lee",2,1,120,168.25,,');
    expect(lines).toContain(`Tue,${Array.from({ length: 24 }, (_, h) => (h === 10 ? 2 : 0)).join(",")}`);
    expect(csv.endsWith("\r\n")).toBe(true);
  });
});
