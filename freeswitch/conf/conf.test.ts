// The FreeSWITCH configuration, checked the way FreeSWITCH reads it: every file is well-formed XML, then a
// re-implementation of its pre-processor (src/switch_xml.c: set, env-set, include with globs, $${var}
// expansion line by line) assembles freeswitch.xml for a given environment, and the assembled document is
// checked for what IRISX relies on: modules, ports, event socket, directory binding, gateways, parking dialplan.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";

const CONF_DIR = import.meta.dirname;

/** Variables FreeSWITCH computes at start-up before reading any file (values as in freeswitch/Dockerfile's layout). */
const BUILTINS: Record<string, string> = {
  local_ip_v4: "172.28.0.10",
  certs_dir: "/var/lib/freeswitch/certs",
  sounds_dir: "/usr/share/freeswitch/sounds",
  recordings_dir: "/var/lib/freeswitch/recordings",
  conf_dir: "/etc/freeswitch",
  base_dir: "/usr",
};

function xmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? xmlFiles(full) : name.endsWith(".xml") ? [full] : [];
  });
}

/** glob(3) for the patterns these files use: a literal path, or "*" inside the last segment; sorted like glob. */
function glob(cwd: string, pattern: string): string[] {
  const full = path.resolve(cwd, pattern);
  const dir = path.dirname(full);
  const base = path.basename(full);
  if (!base.includes("*")) return [full];
  const re = new RegExp(`^${base.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return readdirSync(dir).filter((n) => re.test(n) && statSync(path.join(dir, n)).isFile()).sort().map((n) => path.join(dir, n));
}

interface Assembled {
  xml: string;
  vars: Map<string, string>;
  undefinedVars: Set<string>;
}

function assemble(env: Record<string, string> = {}): Assembled {
  const vars = new Map(Object.entries(BUILTINS));
  const undefinedVars = new Set<string>();
  const out: string[] = [];
  const expand = (line: string) =>
    line.replace(/\$\$\{([^}]+)\}/g, (_m, name: string) => {
      if (!vars.has(name)) undefinedVars.add(name);
      return vars.get(name) ?? "";
    });

  function run(file: string, depth: number) {
    if (depth > 100) throw new Error(`include loop at ${file}`);
    const cwd = path.dirname(file);
    for (const raw of readFileSync(file, "utf8").split("\n")) {
      const line = expand(raw);
      if (/<include>|<\/include>|<\?/.test(raw)) continue;
      if (!/x-pre-process/i.test(line)) {
        out.push(line);
        continue;
      }
      // FreeSWITCH acts on any line holding the marker, inside comments too: it must be a whole directive.
      const m = /^\s*<X-PRE-PROCESS cmd="([a-z-]+)" data="([^"]*)"\/>\s*$/.exec(line);
      if (!m) throw new Error(`${path.relative(CONF_DIR, file)}: stray pre-processor marker in: ${raw.trim()}`);
      const [, cmd, data] = m as unknown as [string, string, string];
      const eq = data.indexOf("=");
      if (cmd === "set") {
        if (eq < 0) throw new Error(`set without '=': ${data}`);
        vars.set(data.slice(0, eq).trim(), data.slice(eq + 1).trim());
      } else if (cmd === "env-set") {
        // preprocess_env_set: "name=$ENV", set only when ENV exists.
        if (eq < 0 || data[eq + 1] !== "$") throw new Error(`env-set takes name=$ENV: ${data}`);
        const value = env[data.slice(eq + 2)];
        if (value !== undefined) vars.set(data.slice(0, eq), value);
      } else if (cmd === "include") {
        const files = glob(cwd, data);
        if (files.length === 0) throw new Error(`${path.relative(CONF_DIR, file)}: include ${data} matches nothing`);
        for (const f of files) {
          statSync(f); // GLOB_NOCHECK hands FreeSWITCH a missing literal path, which it fails to open
          run(f, depth + 1);
        }
      } else {
        throw new Error(`unexpected pre-processor command ${cmd}`);
      }
    }
  }

  run(path.join(CONF_DIR, "freeswitch.xml"), 0);
  return { xml: out.join("\n"), vars, undefinedVars };
}

interface Param {
  name: string;
  value: string;
}
type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  isArray: (name) => ["configuration", "profile", "gateway", "param", "load", "context", "extension", "condition", "action", "list", "node", "binding", "map"].includes(name),
});

function parse(env: Record<string, string> = {}) {
  const assembled = assemble(env);
  expect(XMLValidator.validate(assembled.xml), "assembled freeswitch.xml is well-formed").toBe(true);
  const doc = parser.parse(assembled.xml) as { document: { section: Node[] } };
  const section = (name: string) => doc.document.section.find((s) => s.name === name)!;
  const configs = section("configuration").configuration as Node[];
  const config = (name: string) => {
    const c = configs.find((x) => x.name === name);
    if (!c) throw new Error(`no configuration ${name}`);
    return c;
  };
  const params = (node: unknown) => Object.fromEntries(((node as { param?: Param[] }).param ?? []).map((p) => [p.name, p.value]));
  const profiles = ((config("sofia.conf").profiles as Node).profile as Node[]).map((p) => p);
  const profile = (name: string) => profiles.find((p) => p.name === name)!;
  const gateways = (name: string) => Object.fromEntries(((profile(name).gateways as Node).gateway as Node[]).map((g) => [g.name as string, params(g)]));
  const contexts = (section("dialplan").context as Node[]).map((c) => c);
  return { ...assembled, section, config, params, profile, gateways, context: (name: string) => contexts.find((c) => c.name === name)! };
}

describe("freeswitch/conf", () => {
  it("is well-formed XML, file by file", () => {
    const files = xmlFiles(CONF_DIR);
    expect(files.length).toBeGreaterThan(15);
    for (const file of files) expect(XMLValidator.validate(readFileSync(file, "utf8")), path.relative(CONF_DIR, file)).toBe(true);
  });

  it("assembles with every variable defined, and gives every env-set a default first", () => {
    const { undefinedVars } = parse();
    expect([...undefinedVars]).toEqual([]);
    const lines = readFileSync(path.join(CONF_DIR, "vars.xml"), "utf8").split("\n");
    const defined = new Set<string>();
    for (const line of lines) {
      const m = /cmd="(set|env-set)" data="([^=]+)=/.exec(line);
      if (!m) continue;
      if (m[1] === "env-set") expect(defined.has(m[2]!), `${m[2]} needs a set default before env-set`).toBe(true);
      else defined.add(m[2]!);
    }
  });

  it("loads exactly the modules IRISX needs", () => {
    const { config } = parse();
    const loads = ((config("modules.conf").modules as Node).load as { module: string }[]).map((l) => l.module);
    expect([...loads].sort()).toEqual(
      [
        "mod_console", "mod_logfile", "mod_sofia", "mod_event_socket", "mod_dptools", "mod_commands", "mod_conference", "mod_xml_curl",
        "mod_flite", "mod_avmd", "mod_sndfile", "mod_native_file", "mod_tone_stream", "mod_local_stream", "mod_say_en", "mod_db", "mod_hash",
        "mod_dialplan_xml", "mod_shout",
      ].sort(),
    );
    expect(loads.indexOf("mod_xml_curl")).toBeLessThan(loads.indexOf("mod_sofia"));
    // Every loaded module that reads a configuration has one.
    for (const name of ["console", "logfile", "event_socket", "sofia", "xml_curl", "conference", "avmd", "local_stream", "db", "hash", "acl", "switch"]) config(`${name}.conf`);
  });

  it("reads the event socket, core limits, ports and recordings folder from the environment", () => {
    const defaults = parse();
    expect(defaults.params(defaults.config("event_socket.conf").settings)).toMatchObject({
      "listen-ip": "0.0.0.0",
      "listen-port": "8021",
      password: "ClueCon",
      "apply-inbound-acl": "esl_clients",
    });
    expect(defaults.params(defaults.config("switch.conf").settings)).toMatchObject({ "max-sessions": "1000", "sessions-per-second": "30", "rtp-start-port": "16384", "rtp-end-port": "16484" });

    const set = parse({
      FREESWITCH_ESL_PASSWORD: "s3cret-esl",
      FREESWITCH_ESL_PORT: "8022",
      FREESWITCH_ESL_ALLOW_CIDR: "172.28.0.0/16",
      FREESWITCH_MAX_SESSIONS: "250",
      FREESWITCH_SESSIONS_PER_SECOND: "12",
      FREESWITCH_RECORDINGS_DIR: "/recordings",
      FREESWITCH_EXTERNAL_IP: "203.0.113.7",
    });
    expect(set.params(set.config("event_socket.conf").settings)).toMatchObject({ password: "s3cret-esl", "listen-port": "8022" });
    expect(set.params(set.config("switch.conf").settings)).toMatchObject({ "max-sessions": "250", "sessions-per-second": "12" });
    expect(set.vars.get("recordings_dir")).toBe("/recordings");
    const lists = ((set.config("acl.conf")["network-lists"] as Node).list as Node[]).map((l) => ({ name: l.name, cidrs: (l.node as { cidr: string }[]).map((n) => n.cidr) }));
    expect(lists.find((l) => l.name === "esl_clients")?.cidrs).toContain("172.28.0.0/16");
    expect(set.params(set.profile("external").settings)).toMatchObject({ "ext-rtp-ip": "203.0.113.7", "ext-sip-ip": "203.0.113.7" });
  });

  it("binds agents on SIP 5060, WS 5066 and WSS 7443 with digest auth, and carriers on 5080", () => {
    const { params, profile } = parse();
    const internal = profile("internal");
    expect(params(internal.settings)).toMatchObject({
      "sip-port": "5060",
      "ws-binding": ":5066",
      "wss-binding": ":7443",
      "tls-cert-dir": "/var/lib/freeswitch/certs",
      "auth-calls": "true",
      "challenge-realm": "auto_from",
      context: "internal",
      "ext-rtp-ip": "172.28.0.10",
    });
    const candidateAcls = ((internal.settings as { param: Param[] }).param).filter((p) => p.name === "apply-candidate-acl").map((p) => p.value);
    expect(candidateAcls.length).toBeGreaterThan(0);
    expect(params(profile("external").settings)).toMatchObject({ "sip-port": "5080", context: "public", "auth-calls": "false", "apply-inbound-acl": "carriers" });
  });

  it("asks the app for directory users with the shared password", () => {
    const { config } = parse({ APP_URL: "http://app:3000", FREESWITCH_XML_CURL_PASSWORD: "curl-pw", FREESWITCH_XML_CURL_TIMEOUT: "3" });
    const binding = ((config("xml_curl.conf").bindings as Node).binding as Node[])[0]!;
    const p = binding.param as (Param & { bindings?: string })[];
    expect(p.find((x) => x.name === "gateway-url")).toEqual({ name: "gateway-url", value: "http://app:3000/api/freeswitch/directory", bindings: "directory" });
    expect(Object.fromEntries(p.map((x) => [x.name, x.value]))).toMatchObject({ "gateway-credentials": "freeswitch:curl-pw", "auth-scheme": "basic", timeout: "3" });
  });

  it("defines the twilio and telnyx gateways from the environment, and 'default' as the chosen carrier", () => {
    const twilio = parse({ TWILIO_SIP_TERMINATION_URI: "acme.pstn.twilio.com", TWILIO_SIP_USERNAME: "tw-user", TWILIO_SIP_PASSWORD: "tw-pass" }).gateways("external");
    expect(Object.keys(twilio).sort()).toEqual(["default", "telnyx", "twilio"]);
    expect(twilio.twilio).toMatchObject({ proxy: "acme.pstn.twilio.com", realm: "acme.pstn.twilio.com", username: "tw-user", password: "tw-pass", register: "false", "caller-id-in-from": "true" });
    expect(twilio.default).toEqual(twilio.twilio);
    expect(twilio.telnyx).toMatchObject({ proxy: "sip.telnyx.com", register: "false" });

    const telnyx = parse({ FREESWITCH_DEFAULT_CARRIER: "telnyx", TELNYX_SIP_USERNAME: "tx-user", TELNYX_SIP_PASSWORD: "tx-pass", TELNYX_SIP_REGISTER: "true" }).gateways("external");
    expect(telnyx.telnyx).toMatchObject({ proxy: "sip.telnyx.com", username: "tx-user", password: "tx-pass", register: "true" });
    // The alias never registers: one registration per carrier account.
    expect(telnyx.default).toEqual({ ...telnyx.telnyx, register: "false" });
    expect(telnyx.twilio).toMatchObject({ proxy: "unconfigured.pstn.twilio.com" });
  });

  it("parks every carrier call with irisx_inbound=true, silence when idle and the DID in E.164, answering nothing", () => {
    const { context } = parse();
    const extensions = context("public").extension as { name: string; continue?: string; condition: { field: string; expression: string; action?: { application: string; data?: string }[] }[] }[];
    const actions = extensions.flatMap((e) => e.condition.flatMap((c) => c.action ?? []));
    expect(actions.some((a) => a.application === "answer" || a.application === "pre_answer")).toBe(false);
    const last = extensions.at(-1)!;
    expect(last.condition[0]!.action).toEqual([
      { application: "set", data: "irisx_inbound=true" },
      { application: "set", data: "send_silence_when_idle=-1" },
      { application: "set", data: "sleep_eat_digits=true" },
      { application: "set", data: "playback_terminators=none" },
      { application: "park" },
    ]);
    expect(extensions.slice(0, -1).every((e) => e.continue === "true")).toBe(true);

    // The dialplan's hunt (continue="true" extensions, then the park) applied to sample DIDs.
    const didOf = (dialled: string) => {
      let did: string | undefined;
      for (const e of extensions) {
        const c = e.condition[0]!;
        const m = new RegExp(c.expression).exec(dialled);
        if (!m) continue;
        for (const a of c.action ?? []) if (a.data?.startsWith("irisx_did=")) did = a.data.slice("irisx_did=".length).replace(/\$(\d)/g, (_x, i: string) => m[Number(i)] ?? "");
      }
      return did;
    };
    expect(didOf("+14155551234")).toBe("+14155551234");
    expect(didOf("14155551234")).toBe("+14155551234");
    expect(didOf("4155551234")).toBe("+14155551234");
    expect(didOf("442071838750")).toBe("+442071838750");
    expect(didOf("+442071838750")).toBe("+442071838750");
    expect(didOf("s")).toBeUndefined();
  });

  it("parks agents' calls with irisx_inbound=true and irisx_origin=agent", () => {
    const { context } = parse();
    const ext = (context("internal").extension as { condition: { action: { application: string; data?: string }[] }[] }[])[0]!;
    expect(ext.condition[0]!.action).toEqual([
      { application: "set", data: "irisx_inbound=true" },
      { application: "set", data: "irisx_origin=agent" },
      { application: "set", data: "send_silence_when_idle=-1" },
      { application: "set", data: "sleep_eat_digits=true" },
      { application: "set", data: "playback_terminators=none" },
      { application: "park" },
    ]);
  });
});
