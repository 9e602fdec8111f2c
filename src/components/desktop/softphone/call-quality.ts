// A call's quality from its peer connection's statistics, as a softphone shows it: packet loss, jitter and round
// trip of the audio, graded the way the ITU's E-model thresholds are commonly simplified for agents.
export type CallQuality = { grade: "good" | "fair" | "poor"; lossPercent: number; jitterMs: number; rttMs: number };

export function gradeCallQuality(report: RTCStatsReport): CallQuality | null {
  let received = 0;
  let lost = 0;
  let jitter = 0;
  let rtt = 0;
  let seen = false;
  report.forEach((r: { type: string; packetsReceived?: number; packetsLost?: number; jitter?: number; currentRoundTripTime?: number; nominated?: boolean }) => {
    if (r.type === "inbound-rtp") {
      seen = true;
      received += r.packetsReceived ?? 0;
      lost += Math.max(0, r.packetsLost ?? 0);
      jitter = Math.max(jitter, (r.jitter ?? 0) * 1000);
    }
    if (r.type === "candidate-pair" && r.nominated && r.currentRoundTripTime !== undefined) rtt = r.currentRoundTripTime * 1000;
  });
  if (!seen) return null;
  const lossPercent = received + lost > 0 ? (lost / (received + lost)) * 100 : 0;
  const grade = lossPercent > 5 || jitter > 60 || rtt > 400 ? "poor" : lossPercent > 1 || jitter > 30 || rtt > 250 ? "fair" : "good";
  return { grade, lossPercent: Math.round(lossPercent * 10) / 10, jitterMs: Math.round(jitter), rttMs: Math.round(rtt) };
}
