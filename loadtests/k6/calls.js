// k6 load test of call placement, for running against your own deployment (with the switch simulator, or a
// FreeSWITCH whose gateway goes to a test carrier — every request places a real call!):
//   IRISX_URL=https://irisx.example.com IRISX_API_KEY=irx_AK..._... IRISX_FROM=+15005550006 k6 run loadtests/k6/calls.js
// It posts calls at RATE per second (constant arrival rate) to a simulator magic number that answers and hangs
// up after 10 s, so about RATE × 10 calls are live at once, and checks the API's figures: p99 under 50 ms, under
// 1 % failures. The tenant's callsPerSecond/maxConcurrentCalls decide how fast the calls are started; excess waits
// in `queued` and is paced. `npm run bench:calls` measures the same on one machine, worker and switch included.
import http from "k6/http";
import { check } from "k6";

const BASE = __ENV.IRISX_URL || "http://localhost:3000";
const KEY = __ENV.IRISX_API_KEY;
const FROM = __ENV.IRISX_FROM;
const TO = __ENV.IRISX_TO || "+15005550110";
const RATE = Number(__ENV.RATE || 100);

export const options = {
  scenarios: {
    calls: {
      executor: "constant-arrival-rate",
      rate: RATE,
      timeUnit: "1s",
      duration: __ENV.DURATION || "60s",
      preAllocatedVUs: Math.max(10, RATE),
      maxVUs: RATE * 4,
    },
  },
  thresholds: {
    http_req_failed: ["rate<0.01"],
    "http_req_duration{route:create_call}": ["p(99)<50"],
  },
};

export function setup() {
  if (!KEY || !FROM) throw new Error("set IRISX_API_KEY (scope calls:write) and IRISX_FROM (a number of the key's tenant)");
}

export default function () {
  const res = http.post(
    `${BASE}/api/v1/calls`,
    JSON.stringify({ to: TO, from: FROM, instructions: [{ say: "This is a load test." }] }),
    { headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" }, tags: { route: "create_call" } },
  );
  check(res, { "call accepted (201)": (r) => r.status === 201, "call is queued": (r) => r.json("status") === "queued" });
}
