// sendmsg `call-command: unicast` (switch_ivr_activate_unicast and the park loop of switch_ivr_park, checked on the
// real switch by freeswitch/real-switch/stream.test.ts): the switch binds local-ip:local-port (UDP), and while the
// channel is parked with no application running it sends every frame it reads (what the far end says) as 16-bit
// linear PCM at the call's rate, 20 ms a datagram, to remote-ip:remote-port; every datagram that arrives on its port
// is written to the channel, which the far end hears (`unicastHeard`). Once an application has run on the channel
// after the unicast started, the real switch forwards nothing more (measured: not one datagram after a say between
// two streams), and neither does this. The sendmsg answers +OK whatever happens
// (the switch parses the message later, on the channel's thread); a port it cannot bind is only logged there, and
// then nothing flows. The link lasts until the channel leaves park (its hang-up here).
import { createSocket } from "node:dgram";
import type { Channel } from "./channel.ts";
import { farEndAudio } from "./far-end-audio.ts";
import type { SimSwitch } from "./switch.ts";

const FRAME_SAMPLES = 160;
const FRAME_SECONDS = 0.02;
/** Real milliseconds between the checks for frames due (each sends what simulated time owes). */
const TICK_MS = 20;

/** What the far end of each channel heard through unicast (8 kHz samples), by channel uuid. */
const heard = new Map<string, Int16Array[]>();

export function unicastHeard(uuid: string): Int16Array {
  const chunks = heard.get(uuid) ?? [];
  const out = new Int16Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export function startUnicast(sw: SimSwitch, ch: Channel, headers: Map<string, string>): void {
  const sim = sw.simOf(ch);
  if (!sim || sim.unicast) return;
  const localIp = headers.get("local-ip") || "127.0.0.1";
  const localPort = Number(headers.get("local-port") || "8025");
  const remoteIp = headers.get("remote-ip") || "127.0.0.1";
  const remotePort = Number(headers.get("remote-port") || "8026");
  if ((headers.get("transport") || "udp").toLowerCase() !== "udp") return;
  const socket = createSocket("udp4");
  const chunks: Int16Array[] = [];
  heard.set(ch.uuid, chunks);
  socket.on("message", (datagram) => {
    const pcm = new Int16Array(Math.floor(datagram.length / 2));
    for (let i = 0; i < pcm.length; i++) pcm[i] = datagram.readInt16LE(i * 2);
    chunks.push(pcm);
  });
  socket.on("error", () => undefined);
  socket.bind(localPort, localIp);
  sim.farEndHeardFromUs ??= sw.nowUs();
  const audio = farEndAudio(sim.farEnd).pcm;
  const fromUs = sw.nowUs();
  let sent = 0;
  let deaf = false;
  const timer = setInterval(() => {
    if (ch.hungUp) return;
    if (sim.appRunning || sim.appQueue.length > 0) deaf = true;
    const due = Math.floor((sw.nowUs() - fromUs) / 1e6 / FRAME_SECONDS);
    for (; sent < due; sent++) {
      // The park loop reads (and forwards) only while no application holds the channel.
      if (!sim.parked || deaf) continue;
      const frame = Buffer.alloc(FRAME_SAMPLES * 2);
      const first = Math.round((fromUs - sim.farEndHeardFromUs!) / 1e6 * 8000) + sent * FRAME_SAMPLES;
      for (let i = 0; i < FRAME_SAMPLES; i++) {
        const at = first + i;
        frame.writeInt16LE(at < audio.length ? audio[at]! : ((at * 7919) % 61) - 30, i * 2);
      }
      socket.send(frame, remotePort, remoteIp);
    }
  }, TICK_MS);
  timer.unref?.();
  sim.unicast = true;
  sim.onDestroyed.push(() => {
    clearInterval(timer);
    socket.close();
    // Kept a while for the test that asks what the far end heard after the call.
    setTimeout(() => heard.delete(ch.uuid), 60_000).unref?.();
  });
}
