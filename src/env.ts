// Environment, validated once at start-up. Launchers (scripts/dev.ts, scripts/start.ts) fill in embedded
// defaults (DATABASE_URL, secrets) before Next.js starts, so production deployments set them explicitly.
import { z } from "zod";

const csv = z
  .string()
  .default("")
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean));

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  APP_URL: z.string().url().default("http://localhost:3000"),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  /** 32 bytes, base64: wraps secrets stored in the database (webhook signing secrets, later data keys). */
  APP_ENCRYPTION_KEY: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  EMAIL_FROM: z.string().default("IRISX <no-reply@irisx.local>"),
  RESEND_API_KEY: z.string().optional(),
  RESEND_BASE_URL: z.string().url().optional(),
  /** Signing secret of the Resend webhook (whsec_…) that reports deliveries to /api/webhooks/resend; unset: refused. */
  RESEND_WEBHOOK_SECRET: z.string().startsWith("whsec_", "Resend's signing secret starts with whsec_").optional(),
  /** Requests per second broadcasts make to Resend: its documented default limit is 5 per second for the whole
   *  account, shared with the platform's other mail (sign-up, invitations), so one is left for those. */
  /** DNS servers for email deliverability checks (SPF, DKIM, DMARC, MX), e.g. "1.1.1.1,8.8.8.8:53"; empty: the system's. */
  DNS_SERVERS: csv,
  /** The SPF include a tenant's sending domain must carry so the platform may send as it. */
  EMAIL_SPF_INCLUDE: z.string().regex(/^[a-z0-9.-]+$/i, "a domain name").default("_spf.irisx.local"),
  /** The DKIM selector a tenant's sending domain publishes the platform's key under (<selector>._domainkey). */
  EMAIL_DKIM_SELECTOR: z.string().regex(/^[a-z0-9-]+$/i, "letters, digits and hyphens").default("irisx"),
  BROADCAST_REQUESTS_PER_SECOND: z.coerce.number().positive().max(100).default(4),
  /** Where outbound messages are handed to providers: "embedded" (the app's job engine, the default) or "separate"
   *  (`npm run messages:sender`, a process of its own, so a busy API and the sender do not share one event loop). */
  MESSAGE_SENDER: z.enum(["embedded", "separate"]).default("embedded"),
  /** The priority `npm run messages:sender` lowers itself to (0: unchanged), so a machine it shares serves the API first. */
  MESSAGE_SENDER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /** The shortest claim → send → record cycle when batches are short: bigger batches, less CPU a message. */
  MESSAGE_SENDER_MIN_CYCLE_MS: z.coerce.number().int().min(0).max(1_000).default(50),
  /** Mails per request (Resend's batch endpoint takes at most 100). */
  BROADCAST_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(100),

  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  INNGEST_BASE_URL: z.string().url().optional(),
  INNGEST_DEV: z.string().optional(),

  API_RATE_LIMIT_PER_SECOND: z.coerce.number().int().positive().default(50),
  API_MAX_BODY_BYTES: z.coerce.number().int().positive().default(256 * 1024),
  /** Proxies in front of the app that append to X-Forwarded-For; the client is the entry this far from the right. */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().nonnegative().default(0),

  // Abuse limits for public identity flows (src/server/auth/abuse-limits.ts). Per process: see there.
  SIGN_IN_FAILURES_PER_EMAIL: z.coerce.number().int().positive().default(10),
  SIGN_IN_LOCKOUT_SECONDS: z.coerce.number().int().positive().default(15 * 60),
  SIGN_IN_LOCKOUT_MAX_SECONDS: z.coerce.number().int().positive().default(24 * 60 * 60),
  SIGN_IN_FAILURES_PER_IP_PER_HOUR: z.coerce.number().int().positive().default(100),
  PASSWORD_RESETS_PER_EMAIL_PER_HOUR: z.coerce.number().int().positive().default(5),
  PASSWORD_RESETS_PER_IP_PER_HOUR: z.coerce.number().int().positive().default(20),
  VERIFICATION_EMAILS_PER_EMAIL_PER_HOUR: z.coerce.number().int().positive().default(5),
  VERIFICATION_EMAILS_PER_IP_PER_HOUR: z.coerce.number().int().positive().default(20),
  SIGN_UPS_PER_IP_PER_HOUR: z.coerce.number().int().positive().default(20),
  INVITATIONS_PER_TENANT_PER_DAY: z.coerce.number().int().positive().default(100),
  /** How long a process trusts its last read of a user's sessionVersion (0: read on every session check). */
  SESSION_VERSION_CACHE_SECONDS: z.coerce.number().int().nonnegative().default(30),

  /** Hosts exempt from the webhook SSRF guard. For local development and tests only. */
  WEBHOOK_ALLOW_PRIVATE_HOSTS: csv,
  TRIAL_CREDIT_MICROS: z.coerce.bigint().default(10_000_000n),
  OUTBOX_RELAY_INTERVAL_MS: z.coerce.number().int().nonnegative().default(5000),
  WORKER_HEARTBEAT_STALE_MS: z.coerce.number().int().positive().default(30_000),
  /** The agent desktop's softphone: FreeSWITCH's SIP over WebSocket as browsers reach it (wss://… in production);
   * empty: the page's own host on the internal profile's ports (ws 5066, wss 7443). */
  SOFTPHONE_WS_URL: z.string().default(""),
  /** ACD: how often the worker routes waiting callers when nothing wakes it (an agent becoming available does). */
  ACD_TICK_MS: z.coerce.number().int().positive().default(250),

  // ── Voice ──
  /** Name of the FreeSWITCH this worker owns; calls carry it. One worker per switch. */
  SWITCH_ID: z.string().default("fs1"),
  FREESWITCH_ESL_HOST: z.string().default("127.0.0.1"),
  FREESWITCH_ESL_PORT: z.coerce.number().int().positive().default(8021),
  FREESWITCH_ESL_PASSWORD: z.string().default("ClueCon"),
  /** Set by the launchers when the switch is the built-in simulator (shows the "simulated telephony" badge). */
  TELEPHONY_SIMULATED: z.enum(["0", "1"]).default("0"),
  /** Base URL of the simulator's control API (inbound call injection), when simulated. */
  SIMULATOR_CONTROL_URL: z.string().url().optional(),
  /** Tenants' SIP domains are "<tenant slug>.<SIP_DOMAIN>". */
  SIP_DOMAIN: z.string().default("sip.irisx.local"),
  /** Shared secret FreeSWITCH's mod_xml_curl sends (HTTP Basic password) to /api/freeswitch/directory. */
  FREESWITCH_XML_CURL_PASSWORD: z.string().optional(),
  /** The caller ID of the calls that speak a verification code to a number a tenant wants to call from (E.164, a
   *  number the platform owns). Unset: caller IDs cannot be verified (staff assign numbers instead). */
  CALLER_ID_VERIFICATION_FROM: z.string().regex(/^\+[1-9]\d{6,14}$/, "must be an E.164 number").optional(),
  /** Carrier number API tenants buy numbers from ("twilio" or "telnyx", with that provider's variables); unset: none. */
  NUMBER_PROVIDER: z.enum(["twilio", "telnyx"]).optional(),
  /** FreeSWITCH gateway outbound calls use when their number names none. */
  DEFAULT_CARRIER_GATEWAY: z.string().default("default"),
  /** Recordings storage: "local" (RECORDINGS_DIR) or "s3" (S3-compatible: AWS, MinIO, R2...). */
  RECORDINGS_STORAGE: z.enum(["local", "s3"]).default("local"),
  RECORDINGS_DIR: z.string().default(".data/recordings"),
  /** Where uploaded contact CSVs wait for the import job (src/server/contacts/run-contact-imports.ts). */
  CONTACT_IMPORTS_DIR: z.string().default(".data/contact-imports"),
  /** Where FreeSWITCH writes recordings, as this worker sees it (a volume shared with the switch). */
  FREESWITCH_RECORDINGS_DIR: z.string().default(".data/switch-recordings"),
  /** Where the worker writes the audio the switch plays (fetched URLs, a tenant's recordings): the same folder at
   *  the same path in the switch and the worker, like FREESWITCH_RECORDINGS_DIR. */
  FREESWITCH_MEDIA_DIR: z.string().default(".data/switch-media"),
  /** <Connect><Stream>'s audio between the switch and the worker (UDP, the switch's unicast): the worker's address as
   *  the switch reaches it (the worker listens there), and the switch's own address as the worker reaches it (the
   *  switch binds it). Same host by default; in compose the services' names. */
  STREAM_MEDIA_HOST: z.string().default("127.0.0.1"),
  STREAM_SWITCH_MEDIA_HOST: z.string().default("127.0.0.1"),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.enum(["0", "1"]).default("1"),
});

export type Env = z.infer<typeof schema>;

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  return parsed.data;
}

export const env: Env = load();
