// A local authoritative DNS server for tests (UDP and TCP on one port, RFC 1035 wire format): it answers TXT,
// MX, A and AAAA from a table the test fills, NXDOMAIN for names it does not hold, SERVFAIL where told to.
// Point the code under test at it with DNS_SERVERS=127.0.0.1:<port>. Answers over 512 bytes on UDP set TC, so
// the resolver retries over TCP as a real one would.
import { createSocket, type RemoteInfo } from "node:dgram";
import { createServer, type Server, type Socket } from "node:net";

export interface DnsZoneEntry {
  TXT?: string[];
  MX?: Array<{ priority: number; exchange: string }>;
  A?: string[];
  AAAA?: string[];
  /** Answer SERVFAIL for every query of this name. */
  servfail?: boolean;
}

export interface DnsStandIn {
  port: number;
  /** "127.0.0.1:<port>", for DNS_SERVERS. */
  server: string;
  /** Names are matched case-insensitively, without the trailing dot. */
  records: Map<string, DnsZoneEntry>;
  set(name: string, entry: DnsZoneEntry): void;
  queries: Array<{ name: string; type: string; transport: "udp" | "tcp" }>;
  close(): Promise<void>;
}

const TYPES: Record<number, string> = { 1: "A", 15: "MX", 16: "TXT", 28: "AAAA" };

function encodeName(name: string): Buffer {
  const parts = name.replace(/\.$/, "").split(".").filter(Boolean);
  return Buffer.concat([...parts.map((p) => Buffer.concat([Buffer.from([Buffer.byteLength(p)]), Buffer.from(p)])), Buffer.from([0])]);
}

function readQuestion(msg: Buffer): { id: number; name: string; type: number; end: number } | null {
  if (msg.length < 17) return null;
  let off = 12;
  const labels: string[] = [];
  while (off < msg.length && msg[off]! !== 0) {
    const len = msg[off]!;
    labels.push(msg.subarray(off + 1, off + 1 + len).toString("latin1"));
    off += len + 1;
  }
  off += 1;
  if (off + 4 > msg.length) return null;
  return { id: msg.readUInt16BE(0), name: labels.join(".").toLowerCase(), type: msg.readUInt16BE(off), end: off + 4 };
}

function rdata(type: string, value: unknown): Buffer {
  if (type === "A") return Buffer.from((value as string).split(".").map(Number));
  if (type === "AAAA") {
    const [head, tail = ""] = (value as string).split("::");
    const h = head ? head.split(":") : [];
    const t = tail ? tail.split(":") : [];
    const groups = [...h, ...Array<string>(8 - h.length - t.length).fill("0"), ...t];
    const b = Buffer.alloc(16);
    groups.forEach((g, i) => b.writeUInt16BE(parseInt(g || "0", 16), i * 2));
    return b;
  }
  if (type === "MX") {
    const mx = value as { priority: number; exchange: string };
    const pref = Buffer.alloc(2);
    pref.writeUInt16BE(mx.priority);
    return Buffer.concat([pref, encodeName(mx.exchange)]);
  }
  // TXT: one record, split into character-strings of at most 255 bytes (as long DKIM keys are published).
  const text = Buffer.from(value as string);
  const chunks: Buffer[] = [];
  for (let i = 0; i < text.length || i === 0; i += 255) {
    const c = text.subarray(i, i + 255);
    chunks.push(Buffer.from([c.length]), c);
  }
  return Buffer.concat(chunks);
}

function answer(query: Buffer, records: Map<string, DnsZoneEntry>, log: DnsStandIn["queries"], transport: "udp" | "tcp"): Buffer | null {
  const q = readQuestion(query);
  if (!q) return null;
  const typeName = TYPES[q.type] ?? String(q.type);
  log.push({ name: q.name, type: typeName, transport });
  const entry = records.get(q.name);
  const rcode = !entry ? 3 : entry.servfail ? 2 : 0;
  const values = entry && !entry.servfail ? ((entry[typeName as keyof DnsZoneEntry] as unknown[] | undefined) ?? []) : [];
  const header = Buffer.alloc(12);
  header.writeUInt16BE(q.id, 0);
  header.writeUInt16BE(0x8400 | 0x0100 | rcode, 2); // QR, AA, RD echoed, RCODE
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(values.length, 6);
  const answers = values.map((v) => {
    const data = rdata(typeName, v);
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc00c, 0); // pointer to the question's name
    fixed.writeUInt16BE(q.type, 2);
    fixed.writeUInt16BE(1, 4);
    fixed.writeUInt32BE(60, 6);
    fixed.writeUInt16BE(data.length, 10);
    return Buffer.concat([fixed, data]);
  });
  return Buffer.concat([header, query.subarray(12, q.end), ...answers]);
}

export async function startDnsStandIn(initial: Record<string, DnsZoneEntry> = {}): Promise<DnsStandIn> {
  const records = new Map<string, DnsZoneEntry>(Object.entries(initial).map(([k, v]) => [k.toLowerCase().replace(/\.$/, ""), v]));
  const queries: DnsStandIn["queries"] = [];
  const tcp: Server = createServer((sock: Socket) => {
    let buf = Buffer.alloc(0);
    sock.on("data", (d) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const msg = buf.subarray(2, 2 + buf.readUInt16BE(0));
        buf = buf.subarray(2 + msg.length);
        const out = answer(msg, records, queries, "tcp");
        if (out) {
          const len = Buffer.alloc(2);
          len.writeUInt16BE(out.length);
          sock.write(Buffer.concat([len, out]));
        }
      }
    });
    sock.on("error", () => sock.destroy());
  });
  await new Promise<void>((resolve) => tcp.listen(0, "127.0.0.1", resolve));
  const port = (tcp.address() as { port: number }).port;
  const udp = createSocket("udp4");
  udp.on("message", (msg: Buffer, from: RemoteInfo) => {
    let out = answer(msg, records, queries, "udp");
    if (!out) return;
    if (out.length > 512) {
      // Truncated: header and question only, TC set; the resolver asks again over TCP.
      const q = readQuestion(msg)!;
      out = Buffer.concat([out.subarray(0, 12), msg.subarray(12, q.end)]);
      out.writeUInt16BE(out.readUInt16BE(2) | 0x0200, 2);
      out.writeUInt16BE(0, 6);
    }
    udp.send(out, from.port, from.address);
  });
  await new Promise<void>((resolve, reject) => {
    udp.once("error", reject);
    udp.bind(port, "127.0.0.1", () => resolve());
  });
  return {
    port,
    server: `127.0.0.1:${port}`,
    records,
    set: (name, entry) => void records.set(name.toLowerCase().replace(/\.$/, ""), entry),
    queries,
    close: async () => {
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    },
  };
}

/**
 * An HTTP control for a DNS stand-in running in another process (the e2e runner's): `PUT /records/<name>` with a
 * DnsZoneEntry as JSON sets what the name answers. For specs, which cannot reach the runner's objects.
 */
export async function startDnsControl(dns: DnsStandIn): Promise<{ url: string; close: () => Promise<void> }> {
  const { createServer: createHttpServer } = await import("node:http");
  const server = createHttpServer((req, res) => {
    const m = /^\/records\/([^/?]+)$/.exec(req.url ?? "");
    if (req.method !== "PUT" || !m) {
      res.writeHead(404).end();
      return;
    }
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      try {
        dns.set(decodeURIComponent(m[1]!), JSON.parse(body) as DnsZoneEntry);
        res.writeHead(204).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
