// Command injection into the switch: FreeSWITCH expands ${…} (channel variables and API calls such as system)
// and $${…} in application arguments. Tenant text (`say`, TwiML <Say>) must reach the caller literally and
// never run anything; `play` takes only what the README lists (an http(s) URL fetched through the SSRF guard,
// the tenant's own recording, a validated tone), refused at the API with a 400 naming the field, and skipped
// with a recorded failure when a voice URL answers it.
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startWebhookReceiver } from "@/test/webhook-receiver";
import { callEventsOf, createVoiceTenant, describeRealSwitch, EslTap, placeCall, rest, stackInfo, waitFor, waitForFinal, type VoiceTenant } from "./harness/fixtures";

describeRealSwitch("nothing a tenant says or plays reaches the switch as a command", () => {
  let tenant: VoiceTenant;
  let tap: EslTap;
  const marker = () => path.join(stackInfo().workDir, `pwned-${process.pid}`);

  beforeAll(async () => {
    tenant = await createVoiceTenant();
    tap = await EslTap.open();
  });
  afterAll(() => tap.close());

  const PAYLOADS = [
    () => `hello \${system(touch ${marker()})} and \${sofia_profile_name} and $\${base_dir}`,
    () => "a backslash \\ then \\${escaped} and \\\\${double} and a dollar at the end $",
    () => "%[irisx_x=1]starts like a variable block, {origination_uuid=x} and 'quotes' | pipes | and ^^:caret:delimiters",
    () => `\${expr(1+1)} \${uuid_kill(all)} $\${hostname} \${\${nested}} end`,
  ];

  it.concurrent.each(PAYLOADS.map((payload, i) => [i, payload] as const))("say: payload %i is spoken exactly as written, and no file is created", async (_i, payload) => {
    const text = payload();
    const call = await placeCall(tenant, { to: "+15005550100", instructions: [{ say: text }] });
    await waitForFinal(tenant, call.id, 60_000);
    const spoken = await waitFor("the speak to have run", async () => tap.executed(call.id).find((a) => a.app === "speak"));
    expect(spoken.data).toBe(`flite|kal|${text}`);
    expect(existsSync(marker())).toBe(false);
  });

  it("TwiML <Say> from a voice URL is spoken literally too", async () => {
    const text = PAYLOADS[0]!();
    const app = await startWebhookReceiver(() => ({
      status: 200,
      headers: { "Content-Type": "text/xml" },
      body: `<?xml version="1.0"?><Response><Say>${text.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</Say><Hangup/></Response>`,
    }));
    try {
      const call = await placeCall(tenant, { to: "+15005550100", url: app.url("/voice") });
      await waitForFinal(tenant, call.id, 60_000);
      const spoken = await waitFor("the speak to have run", async () => tap.executed(call.id).find((a) => a.app === "speak"));
      expect(spoken.data).toBe(`flite|kal|${text}`);
      expect(existsSync(marker())).toBe(false);
    } finally {
      await app.close();
    }
  });

  const BAD_PLAYS = [
    "/etc/passwd",
    "/var/lib/freeswitch/recordings/tn_other/CA0123.wav",
    "file_string:///etc/passwd!/etc/hosts",
    "{irisx_call_id=CAforged}/tmp/x.wav",
    "shout://example.com/stream.mp3",
    "http_cache://http://example.com/a.wav",
    "tone_stream://${system(id)}",
    "local_stream://moh",
    "say:en number pronounced 12",
    "../../etc/passwd",
    "recording:RE123",
    "builtin:nope",
  ];

  it("play: anything but an http(s) URL, a tone or the tenant's own recording is refused with a 400 naming the field", async () => {
    for (const play of BAD_PLAYS) {
      const res = await rest<{ error: { code: string; details: { field: string }[] } }>(tenant, "POST", "/api/v1/calls", {
        from: tenant.number,
        to: "+15005550100",
        instructions: [{ say: "first" }, { play }],
      });
      expect({ play, status: res.status }).toEqual({ play, status: 400 });
      expect(res.body.error.details.map((d) => d.field)).toContain("instructions.1.play");
    }
  });

  it("play from a voice URL's TwiML: refused sources never reach the switch; the call records each refusal and carries on", async () => {
    const plays = ["/etc/passwd", "file_string:///etc/passwd", "{x=y}/tmp/a.wav", "shout://example.com/a.mp3", "http_cache://http://example.com/a.wav", "http://169.254.169.254/latest/meta-data"];
    const app = await startWebhookReceiver(() => ({
      status: 200,
      headers: { "Content-Type": "text/xml" },
      body: `<?xml version="1.0"?><Response>${plays.map((p) => `<Play>${p}</Play>`).join("")}<Say>still here</Say><Hangup/></Response>`,
    }));
    try {
      const call = await placeCall(tenant, { to: "+15005550100", url: app.url("/voice") });
      const final = await waitForFinal(tenant, call.id, 60_000);
      expect(final.status).toBe("completed");
      await waitFor("the speak after the refused plays", async () => tap.executed(call.id).find((a) => a.app === "speak" && a.data.endsWith("still here")));
      expect(tap.executed(call.id).filter((a) => a.app === "playback")).toEqual([]);
      // Each refusal is a debugger entry naming its source, and the document went on.
      const failures = (await callEventsOf(call.id)).filter((e) => e.type === "debugger.error");
      expect(failures).toHaveLength(plays.length);
      failures.forEach((e, i) => expect((e.data as { message: string }).message).toContain(plays[i]));
    } finally {
      await app.close();
    }
  });

  it("the switch itself refuses API calls inside expansions (api-expansion is off)", async () => {
    const reply = await tap.api(`eval \${system(touch ${marker()}-eval)}`);
    expect(existsSync(`${marker()}-eval`)).toBe(false);
    expect(reply).toContain("Permission Denied");
  });
});
