// A browser's softphone on the real FreeSWITCH: Chromium (its fake microphone) runs SIP.js over WebSocket to the
// internal profile, registers through the app's directory as an agent's line (the worker records the registration
// from sofia::register), is rung by a <Dial><Client> (its contact is a WebSocket one the switch reaches through its NAT
// path: dial-strings.ts), answers, and audio flows both ways over DTLS-SRTP on loopback (the switch speaks the leg's
// whisper to the browser; the browser sends its fake microphone), as the peer connection's own statistics count it.
// Hanging up in the browser ends the call; unregistering takes the agent's line off.
// SIP.js is served to the page as the ES modules it ships (node_modules/sip.js/lib), no bundler.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";
import { expect, it } from "vitest";
import { createTestAgent } from "@/test/agent-fixtures";
import { describeRealSwitch, stackInfo, waitFor, waitForFinal } from "./harness/fixtures";
import { twiml, useDocumentStage } from "./harness/document-stage";
import { launchChromium } from "./harness/desktop-browser";

const SIP_JS = path.resolve(import.meta.dirname, "../../node_modules/sip.js/lib");
const PAGE = '<!doctype html><html><body><script type="module">import * as SIP from "/sip.js/index.js"; window.SIP = SIP; window.ready = true;</script></body></html>';

// The parts of SIP.js's API the page uses (it runs in the browser, typed here for the test's own code).
interface PageRegisterer {
  stateChange: { addListener(listener: (state: string) => void): void };
  register(): Promise<unknown>;
  unregister(): Promise<unknown>;
}
interface PageInvitation {
  remoteIdentity: { uri: { user: string } };
  accept(options: unknown): Promise<void>;
  bye(): Promise<unknown>;
  sessionDescriptionHandler: { peerConnection: RTCPeerConnection };
}
interface PageWindow {
  SIP: {
    UserAgent: { new (options: unknown): { start(): Promise<void> }; makeURI(uri: string): unknown };
    Registerer: new (userAgent: unknown) => PageRegisterer;
  };
  ready?: boolean;
  session?: PageInvitation;
  registerer?: PageRegisterer;
  regState?: string;
  invitedFrom?: string;
}

describeRealSwitch("a browser softphone on a real FreeSWITCH", () => {
  const stage = useDocumentStage(["CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE"]);

  it("registers over WebSocket through the directory, is rung by <Dial><Client>, answers, and audio flows both ways", async () => {
    const { db } = await import("@/server/db");
    const info = stackInfo();
    const agent = await createTestAgent(stage.tenant.actor, { username: "web-agent", registered: false });
    const server = createServer((req, res) => {
      const url = req.url ?? "/";
      if (!url.startsWith("/sip.js/")) return void res.writeHead(200, { "content-type": "text/html" }).end(PAGE);
      const file = path.join(SIP_JS, path.normalize(url.slice("/sip.js/".length)));
      if (!file.startsWith(SIP_JS)) return void res.writeHead(404).end();
      readFile(file).then(
        (body) => res.writeHead(200, { "content-type": "text/javascript" }).end(body),
        () => res.writeHead(404).end(),
      );
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
      await page.waitForFunction(() => (window as unknown as PageWindow).ready === true);
      await page.evaluate(
        ({ ws, user, domain, pass }) => {
          const w = window as unknown as PageWindow;
          const ua = new w.SIP.UserAgent({
            uri: w.SIP.UserAgent.makeURI(`sip:${user}@${domain}`),
            transportOptions: { server: ws },
            authorizationUsername: user,
            authorizationPassword: pass,
            logLevel: "error",
            delegate: {
              onInvite: (invitation: PageInvitation) => {
                w.invitedFrom = invitation.remoteIdentity.uri.user;
                void invitation.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } }).then(() => (w.session = invitation));
              },
            },
          });
          return ua.start().then(() => {
            const registerer = new w.SIP.Registerer(ua);
            w.registerer = registerer;
            registerer.stateChange.addListener((s: string) => (w.regState = s));
            return registerer.register();
          });
        },
        { ws: `ws://127.0.0.1:${info.wsPort}`, user: agent.sipUser.username, domain: stage.tenant.sipDomain, pass: agent.password },
      );
      await page.waitForFunction(() => (window as unknown as PageWindow).regState === "Registered", undefined, { timeout: 15_000 });
      await waitFor("the agent's line registered (sofia::register)", () => db.agent.findFirst({ where: { id: agent.agentId, registered: true } }), 10_000);

      stage.routes.set("/web", twiml('<Dial timeout="20"><Client url="/web-whisper">web-agent</Client></Dial>'));
      stage.routes.set("/web-whisper", twiml("<Say>You have a call from the support line. The customer is waiting, please be kind.</Say>"));
      const caller = "+14155550198";
      const { call } = await stage.callIn("/web", caller);
      await page.waitForFunction(() => !!(window as unknown as PageWindow).session, undefined, { timeout: 20_000 });
      expect(await page.evaluate(() => (window as unknown as PageWindow).invitedFrom)).toBe(caller);
      // Let the whisper play and the microphone send for a few seconds, then read the peer connection's counters.
      await new Promise((r) => setTimeout(r, 4_000));
      const stats = await page.evaluate(async () => {
        const pc = (window as unknown as PageWindow).session!.sessionDescriptionHandler.peerConnection;
        const out = { received: 0, sent: 0, pair: "" };
        (await pc.getStats()).forEach((r: { type: string; bytesReceived?: number; bytesSent?: number; state?: string; nominated?: boolean }) => {
          if (r.type === "inbound-rtp" && r.bytesReceived) out.received += r.bytesReceived;
          if (r.type === "outbound-rtp" && r.bytesSent) out.sent += r.bytesSent;
          if (r.type === "candidate-pair" && r.nominated) out.pair = r.state ?? "";
        });
        return out;
      });
      expect(stats.pair).toBe("succeeded");
      // Four seconds of 20 ms packets either way is 200 packets; half of that at the smallest codec is well over 5 kB.
      expect(stats.received).toBeGreaterThan(5_000);
      expect(stats.sent).toBeGreaterThan(5_000);

      await page.evaluate(() => (window as unknown as PageWindow).session!.bye());
      expect((await waitForFinal(stage.tenant, call.id, 30_000)).status).toBe("completed");
      const leg = await db.call.findFirstOrThrow({ where: { parentCallId: call.id } });
      expect(leg).toMatchObject({ to: "client:web-agent", status: "COMPLETED" });

      await page.evaluate(() => (window as unknown as PageWindow).registerer!.unregister());
      await waitFor("the agent's line unregistered", () => db.agent.findFirst({ where: { id: agent.agentId, registered: false } }), 10_000);
    } finally {
      await browser.close();
      server.close();
    }
  });
});
