import { describe, expect, it } from "vitest";
import { callEndFrom } from "./hangup-times";

const answerUs = Date.parse("2026-12-03T10:00:00.000Z") * 1000;
const base = { startUs: answerUs - 1_000_000, answerUs, billsec: 4, durationSeconds: 5 };

describe("a call's end by the switch's clock", () => {
  it("is CHANNEL_HANGUP_COMPLETE's, with the switch's billsec, when the channel ended with its hang-up", () => {
    const completeAt = new Date(answerUs / 1000 + 3_900);
    const end = callEndFrom({ ...base, completeAt, endUs: (answerUs / 1000 + 3_880) * 1000, hangupAt: new Date(answerUs / 1000 + 3_870) });
    expect(end).toEqual({ endedAt: completeAt, billsec: 4, durationSeconds: 5, answeredAt: new Date(answerUs / 1000), lingeredMs: null });
  });

  it("is CHANNEL_HANGUP's when the channel lingered after it (fsctl shutdown): 3.9 s of talk is 3, not the switch's 14", () => {
    const hangupAt = new Date(answerUs / 1000 + 3_900);
    const end = callEndFrom({ ...base, billsec: 14, durationSeconds: 15, completeAt: new Date(answerUs / 1000 + 13_900), endUs: (answerUs / 1000 + 13_880) * 1000, hangupAt });
    expect(end).toMatchObject({ endedAt: hangupAt, billsec: 3, durationSeconds: 4 });
    expect(end.lingeredMs).toBe(9_980);
  });

  it("an unanswered call talks 0 s either way", () => {
    const hangupAt = new Date(answerUs / 1000);
    expect(callEndFrom({ ...base, answerUs: 0, billsec: 0, completeAt: new Date(answerUs / 1000 + 10_000), endUs: (answerUs / 1000 + 10_000) * 1000, hangupAt }).billsec).toBe(0);
  });
});
