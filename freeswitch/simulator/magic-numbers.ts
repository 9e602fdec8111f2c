// What the far end of an outbound call does, chosen by the destination number (docs/voice-architecture.md,
// "Magic numbers"; freeswitch/simulator/README.md prints the same table). Times are simulated seconds.

export type FarEnd =
  /** Rings `ringSeconds`, answers; hangs up after `hangupAfterSeconds` (undefined = stays up), and may press digits. */
  | { kind: "answer"; ringSeconds: number; hangupAfterSeconds?: number; digits?: string; machine?: boolean;
      /** What it says (a WAV registered with setFarEndAudio; far-end-audio.ts). */
      audioFile?: string }
  /** Rings (180) forever: the originate_timeout ends it with NO_ANSWER. */
  | { kind: "no-answer" }
  /** A final SIP error response (after 100 Trying, or a local 503 when unreachable). */
  | { kind: "reject"; sipStatus: number; phrase: string; cause: string; q850: number; ringSeconds: number;
      /** No SIP peer at all: a local 503 (no Network-Addr, reply port 0). */
      unreachable?: boolean };

const REJECTS = {
  486: { phrase: "Busy Here", cause: "USER_BUSY", q850: 17 },
  603: { phrase: "Decline", cause: "CALL_REJECTED", q850: 21 },
  404: { phrase: "Not Found", cause: "UNALLOCATED_NUMBER", q850: 1 },
  503: { phrase: "Service Unavailable", cause: "NORMAL_TEMPORARY_FAILURE", q850: 41 },
} as const;

function reject(status: keyof typeof REJECTS): FarEnd {
  return { kind: "reject", sipStatus: status, ringSeconds: 0.02, ...REJECTS[status] };
}

function unreachable(): FarEnd {
  return { kind: "reject", sipStatus: 503, ringSeconds: 0.04, unreachable: true, ...REJECTS[503] };
}

/** The destination's behaviour. `number` is the user part of the dial string (with or without a leading +). */
export function farEndFor(number: string): FarEnd {
  const n = number.startsWith("+") ? number : "+" + number;
  if (n === "+15005550100") return { kind: "answer", ringSeconds: 1 };
  // 800 to 809: more phones of one account that answer and stay up (agents who must outlast a test's steps).
  if (/^\+1500555080\d$/.test(n)) return { kind: "answer", ringSeconds: 1 };
  const timed = /^\+150055501(\d\d)$/.exec(n);
  if (timed) return { kind: "answer", ringSeconds: 1, hangupAfterSeconds: Number(timed[1]) };
  if (n === "+15005550200") return reject(486);
  // 300 to 309 (several phones of one account that never answer, e.g. ring-all agents).
  if (/^\+1500555030\d$/.test(n)) return { kind: "no-answer" };
  if (n === "+15005550400") return reject(603);
  if (n === "+15005550404") return reject(404);
  if (n === "+15005550500") return unreachable();
  if (n === "+15005550600") return { kind: "answer", ringSeconds: 1, hangupAfterSeconds: 10, machine: true };
  const human = /^\+15005557(\d{1,4})$/.exec(n);
  if (human) return { kind: "answer", ringSeconds: 1, hangupAfterSeconds: 10, digits: human[1] + "#" };
  return { kind: "answer", ringSeconds: 1, hangupAfterSeconds: 5 };
}

/**
 * The far ends of the ESL fixture corpus (../shared/fixtures/esl): SIPp on 127.0.0.1:5070-5095 and nothing on 5999.
 * Recognised so the replay test can drive the simulator with the fixtures' own commands.
 */
export function fixtureFarEnd(host: string): FarEnd | undefined {
  const m = /^127\.0\.0\.1:(\d+)/.exec(host);
  if (!m) return undefined;
  const port = Number(m[1]);
  switch (port) {
    case 5071: return { kind: "answer", ringSeconds: 0.02, hangupAfterSeconds: 3 };
    case 5082: return { kind: "answer", ringSeconds: 0.02, hangupAfterSeconds: 7 };
    case 5072: case 5089: return reject(486);
    case 5073: return { kind: "no-answer" };
    case 5074: return reject(603);
    case 5075: return reject(404);
    case 5076: return reject(503);
    case 5999: return unreachable();
    default:
      return port >= 5070 && port <= 5095 ? { kind: "answer", ringSeconds: 0.02 } : undefined;
  }
}
