// A TCP port nothing listens on right now (the OS picks it), for servers the test and benchmark runners start.
import { createSocket } from "node:dgram";
import { createServer } from "node:net";

/** Ports this process handed out: the OS may give a port it just freed again, and a runner asks for several at once. */
const handedOut = new Set<number>();

export async function freePort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = await osFreePort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error("no free port the process has not handed out already");
}

function osFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A port free for TCP and for UDP on 127.0.0.1 (a SIP profile binds both). The OS picks a TCP port; one whose UDP twin
 * is taken (an RTP socket, another test's SIPp) is passed over.
 */
export async function freeTcpUdpPort(attempts = 20): Promise<number> {
  for (let i = 0; i < attempts; i++) {
    const port = await freePort();
    if (await udpFree(port)) return port;
  }
  throw new Error(`no port free for both TCP and UDP after ${attempts} tries`);
}

function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket("udp4");
    socket.once("error", () => resolve(false));
    socket.bind(port, "127.0.0.1", () => socket.close(() => resolve(true)));
  });
}
