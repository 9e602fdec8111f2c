// k6 load test of the REST API, for running against your own deployment:
//   IRISX_URL=https://irisx.example.com IRISX_API_KEY=irx_AK..._... k6 run loadtests/k6/api.js
// It ramps to VUS virtual users reading the account and listing API keys, with thresholds matching
// the project's targets (p99 under 25 ms, under 1 % failures). Use a key whose tenant has a rate limit
// above the request rate you drive, or you will be measuring 429s.
import http from "k6/http";
import { check, sleep } from "k6";

const BASE = __ENV.IRISX_URL || "http://localhost:3000";
const KEY = __ENV.IRISX_API_KEY;
const VUS = Number(__ENV.VUS || 10);

export const options = {
  scenarios: {
    api: {
      executor: "ramping-vus",
      startVUs: 1,
      stages: [
        { duration: "15s", target: VUS },
        { duration: "60s", target: VUS },
        { duration: "10s", target: 0 },
      ],
    },
  },
  thresholds: {
    http_req_failed: ["rate<0.01"],
    "http_req_duration{route:account}": ["p(99)<25"],
    "http_req_duration{route:ping}": ["p(99)<25"],
  },
};

export function setup() {
  if (!KEY) throw new Error("set IRISX_API_KEY to a key with the account:read and api_keys:read scopes");
}

const auth = { headers: { Authorization: `Bearer ${KEY}` } };

export default function () {
  const account = http.get(`${BASE}/api/v1/account`, { ...auth, tags: { route: "account" } });
  check(account, { "account 200": (r) => r.status === 200, "account has id": (r) => Boolean(r.json("id")) });

  const keys = http.get(`${BASE}/api/v1/api-keys?limit=10`, { ...auth, tags: { route: "api_keys" } });
  check(keys, { "api keys 200": (r) => r.status === 200 });

  const ping = http.get(`${BASE}/api/ping`, { tags: { route: "ping" } });
  check(ping, { "ping 200": (r) => r.status === 200 });

  sleep(0.1);
}
