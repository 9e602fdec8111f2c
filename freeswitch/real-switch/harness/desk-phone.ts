// A desk phone for a tenant's SIP user: SIPp registers it with digest authentication from a port, then the carrier
// scenario answers every INVITE on that port (scenarios/carrier.xml: the user name picks the behaviour like a dialled
// number, e.g. 15005550105 answers and hangs up after 5 s, 15005550300 rings until cancelled).
import { createSocket } from "node:dgram";
import { sippPorts, stackInfo, waitFor } from "./fixtures";
import { registerPhone, startCarrier, type SippRun } from "./sipp";

/** Whether something is bound to the UDP port on 127.0.0.1 (binding it ourselves fails). */
export function udpPortTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket("udp4");
    socket.once("error", () => resolve(true));
    socket.bind(port, "127.0.0.1", () => socket.close(() => resolve(false)));
  });
}

export interface DeskPhone {
  port: number;
  phone: SippRun;
  stop(): Promise<void>;
}

export async function startDeskPhone(opts: { user: string; domain: string; password: string; label: string }): Promise<DeskPhone> {
  const info = stackInfo();
  const workDir = `${info.workDir}/sipp`;
  const { port, mediaPort } = await sippPorts();
  const registered = registerPhone({ target: `127.0.0.1:${info.internalSipPort}`, user: opts.user, domain: opts.domain, password: opts.password, expect: 200, port, workDir });
  if ((await registered.exited) !== 0) throw new Error(`${opts.user}@${opts.domain} did not register`);
  const phone = startCarrier({ port, mediaPort, workDir: `${workDir}/${opts.label}` });
  // SIPp takes a moment to bind the phone's port; an INVITE sent before that is refused (ICMP) at once.
  await waitFor("the phone listening", () => udpPortTaken(port), 10_000);
  return { port, phone, stop: () => phone.stop() };
}
