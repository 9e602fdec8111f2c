// Local stand-ins for the carriers' number APIs, for tests and the e2e/dev stacks: Twilio's REST 2010-04-01
// (AvailablePhoneNumbers, IncomingPhoneNumbers) and Telnyx's v2 (available_phone_numbers, number_orders,
// phone_numbers), each as its documentation describes the request (authentication, paths, form vs JSON bodies,
// parameter names) and the answer. A request that does not follow the documented format answers 400 and is
// counted in `malformed`, so a test fails if the client drifts from the provider's API.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface StandInRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  contentType: string | undefined;
}

/** The numbers a provider sells: offered on search, sold once, given back on release. */
class Inventory {
  readonly sold = new Map<string, string>(); // e164 → provider id
  readonly soldElsewhere = new Set<string>();

  /** Up to `limit` unsold numbers, +1<areaCode>555<4 digits> (North America); any area code has stock. */
  offer(areaCode: string | null, contains: string | null, limit: number): string[] {
    const area = areaCode ?? "415";
    const out: string[] = [];
    for (let line = 100; line < 10_000 && out.length < limit; line += 37) {
      const e164 = `+1${area}555${String(line).padStart(4, "0")}`;
      if (this.sold.has(e164) || this.soldElsewhere.has(e164)) continue;
      if (contains && !new RegExp(contains.replace(/\*/g, "\\d")).test(e164.slice(2))) continue;
      out.push(e164);
    }
    return out;
  }

  buy(e164: string, id: string): boolean {
    if (!/^\+1\d{3}555\d{4}$/.test(e164) || this.sold.has(e164) || this.soldElsewhere.has(e164)) return false;
    this.sold.set(e164, id);
    return true;
  }

  release(id: string): boolean {
    for (const [e164, held] of this.sold) {
      if (held === id) {
        this.sold.delete(e164);
        return true;
      }
    }
    return false;
  }
}

export interface NumberProviderStandIn {
  provider: "twilio" | "telnyx";
  baseUrl: string;
  /** What the app's configured-number-provider.ts reads. */
  env: Record<string, string>;
  inventory: Inventory;
  requests: StandInRequest[];
  /** Requests that broke the provider's documented format (a test asserts none). */
  malformed: string[];
  /** Answer the next N requests with 503 (the provider is down). */
  failNext(n: number): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(body === undefined ? "" : JSON.stringify(body));
}

async function serve(provider: "twilio" | "telnyx", handle: (r: StandInRequest, res: ServerResponse, s: NumberProviderStandIn) => void, env: (base: string) => Record<string, string>, port = 0): Promise<NumberProviderStandIn> {
  let failures = 0;
  const standIn: NumberProviderStandIn = {
    provider,
    baseUrl: "",
    env: {},
    inventory: new Inventory(),
    requests: [],
    malformed: [],
    failNext: (n) => {
      failures = n;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const url = new URL(req.url ?? "/", "http://stand-in");
      const r: StandInRequest = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, body, contentType: req.headers["content-type"] };
      standIn.requests.push(r);
      if (failures > 0) {
        failures--;
        return json(res, 503, provider === "twilio" ? { code: 20500, message: "Service Unavailable", status: 503 } : { errors: [{ code: "10009", title: "Service unavailable" }] });
      }
      const auth = req.headers.authorization ?? "";
      const expected = provider === "twilio" ? `Basic ${Buffer.from(`${TWILIO_SID}:${TWILIO_TOKEN}`).toString("base64")}` : `Bearer ${TELNYX_KEY}`;
      if (auth !== expected) {
        return json(res, 401, provider === "twilio" ? { code: 20003, message: "Authenticate", status: 401 } : { errors: [{ code: "10009", title: "Authentication failed" }] });
      }
      handle(r, res, standIn);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  standIn.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  standIn.env = env(standIn.baseUrl);
  return standIn;
}

export const TWILIO_SID = `AC${"5a".repeat(16)}`;
const TWILIO_TOKEN = "stand-in-auth-token";
const TELNYX_KEY = "KEYstandin0123456789";
const TWILIO_TYPES = new Set(["Local", "TollFree", "Mobile"]);

/** Twilio: https://www.twilio.com/docs/phone-numbers/api/availablephonenumberlocal-resource and incomingphonenumber-resource. */
export function startTwilioNumbersStandIn(port = 0): Promise<NumberProviderStandIn> {
  const prefix = `/2010-04-01/Accounts/${TWILIO_SID}`;
  return serve(
    "twilio",
    (r, res, s) => {
      const twilioError = (status: number, code: number, message: string) => json(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
      const search = new RegExp(`^${prefix}/AvailablePhoneNumbers/([A-Z]{2})/(\\w+)\\.json$`).exec(r.path);
      if (r.method === "GET" && search) {
        if (!TWILIO_TYPES.has(search[2]!)) return twilioError(404, 20404, "The requested resource was not found");
        const known = new Set(["AreaCode", "Contains", "PageSize", "VoiceEnabled", "SmsEnabled", "MmsEnabled", "InRegion", "InLocality"]);
        const unknown = [...r.query.keys()].filter((k) => !known.has(k));
        if (unknown.length) s.malformed.push(`unknown AvailablePhoneNumbers parameters: ${unknown.join(", ")}`);
        const numbers = s.inventory.offer(r.query.get("AreaCode"), r.query.get("Contains"), Number(r.query.get("PageSize") ?? 50));
        return json(res, 200, {
          uri: `${r.path}?${r.query}`,
          available_phone_numbers: numbers.map((n) => ({
            friendly_name: `(${n.slice(2, 5)}) ${n.slice(5, 8)}-${n.slice(8)}`,
            phone_number: n,
            locality: "San Francisco",
            region: "CA",
            iso_country: search[1],
            postal_code: "94105",
            capabilities: { voice: true, SMS: true, MMS: false, fax: false },
          })),
        });
      }
      if (r.method === "POST" && r.path === `${prefix}/IncomingPhoneNumbers.json`) {
        if (r.contentType !== "application/x-www-form-urlencoded") {
          s.malformed.push(`IncomingPhoneNumbers POST with content-type ${r.contentType}`);
          return twilioError(400, 20001, "Invalid content type");
        }
        const form = new URLSearchParams(r.body);
        const phoneNumber = form.get("PhoneNumber");
        if (!phoneNumber) return twilioError(400, 21421, "PhoneNumber is required.");
        const sid = `PN${randomBytes(16).toString("hex")}`;
        if (!s.inventory.buy(phoneNumber, sid)) return twilioError(400, 21422, "PhoneNumber is not available.");
        return json(res, 201, { sid, account_sid: TWILIO_SID, phone_number: phoneNumber, trunk_sid: form.get("TrunkSid"), status: "in-use", date_created: new Date().toUTCString() });
      }
      const release = new RegExp(`^${prefix}/IncomingPhoneNumbers/(PN[0-9a-f]{32})\\.json$`).exec(r.path);
      if (r.method === "DELETE" && release) {
        if (!s.inventory.release(release[1]!)) return twilioError(404, 20404, "The requested resource was not found");
        res.writeHead(204).end();
        return;
      }
      s.malformed.push(`${r.method} ${r.path}`);
      twilioError(404, 20404, "The requested resource was not found");
    },
    (base) => ({ NUMBER_PROVIDER: "twilio", TWILIO_ACCOUNT_SID: TWILIO_SID, TWILIO_AUTH_TOKEN: TWILIO_TOKEN, TWILIO_API_BASE_URL: base, TWILIO_TRUNK_SID: `TK${"1b".repeat(16)}` }),
    port,
  );
}

/** Telnyx: https://developers.telnyx.com/api/numbers (available_phone_numbers, number_orders, phone_numbers). */
export function startTelnyxNumbersStandIn(port = 0): Promise<NumberProviderStandIn> {
  return serve(
    "telnyx",
    (r, res, s) => {
      const telnyxError = (status: number, code: string, title: string) => json(res, status, { errors: [{ code, title, detail: title }] });
      if (r.method === "GET" && r.path === "/v2/available_phone_numbers") {
        const unknown = [...r.query.keys()].filter((k) => !/^filter\[[a-z_]+\](\[[a-z_]*\])?$/.test(k));
        if (unknown.length) s.malformed.push(`unknown available_phone_numbers parameters: ${unknown.join(", ")}`);
        const numbers = s.inventory.offer(r.query.get("filter[national_destination_code]"), r.query.get("filter[phone_number][contains]"), Number(r.query.get("filter[limit]") ?? 50));
        return json(res, 200, {
          data: numbers.map((n) => ({
            record_type: "available_phone_number",
            phone_number: n,
            vanity_format: null,
            best_effort: false,
            quickship: true,
            reservable: true,
            region_information: [
              { region_type: "country_code", region_name: r.query.get("filter[country_code]") ?? "US" },
              { region_type: "rate_center", region_name: "SAN FRANCISCO" },
              { region_type: "state", region_name: "CA" },
            ],
            cost_information: { upfront_cost: "1.00", monthly_cost: "1.00", currency: "USD" },
            features: [{ name: "voice" }, { name: "sms" }],
          })),
          metadata: { total_results: numbers.length, best_effort_results: 0 },
        });
      }
      if (r.method === "POST" && r.path === "/v2/number_orders") {
        if (!r.contentType?.startsWith("application/json")) {
          s.malformed.push(`number_orders POST with content-type ${r.contentType}`);
          return telnyxError(400, "10015", "Bad Request");
        }
        const body = JSON.parse(r.body || "{}") as { phone_numbers?: { phone_number?: string }[]; connection_id?: string };
        const wanted = body.phone_numbers?.map((p) => p.phone_number ?? "") ?? [];
        if (wanted.length === 0) return telnyxError(422, "10015", "phone_numbers is required");
        const ids = wanted.map(() => randomBytes(8).toString("hex"));
        if (!wanted.every((n, i) => s.inventory.buy(n, ids[i]!))) return telnyxError(422, "85001", "Phone number is not available");
        return json(res, 200, {
          data: {
            id: randomBytes(16).toString("hex"),
            record_type: "number_order",
            status: "success",
            connection_id: body.connection_id ?? null,
            phone_numbers: wanted.map((n, i) => ({ id: ids[i], record_type: "number_order_phone_number", phone_number: n, status: "success" })),
          },
        });
      }
      const release = /^\/v2\/phone_numbers\/([0-9a-f]+)$/.exec(r.path);
      if (r.method === "DELETE" && release) {
        if (!s.inventory.release(release[1]!)) return telnyxError(404, "10005", "Resource not found");
        return json(res, 200, { data: { id: release[1], record_type: "phone_number", status: "deleted" } });
      }
      s.malformed.push(`${r.method} ${r.path}`);
      telnyxError(404, "10005", "Resource not found");
    },
    (base) => ({ NUMBER_PROVIDER: "telnyx", TELNYX_API_KEY: TELNYX_KEY, TELNYX_API_BASE_URL: base, TELNYX_CONNECTION_ID: "1494404757140276705" }),
    port,
  );
}
