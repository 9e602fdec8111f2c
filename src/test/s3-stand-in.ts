// A local stand-in for S3, for tests: path-style PutObject, GetObject (with Range), HeadObject, DeleteObject and
// the multipart calls lib-storage makes, in memory on 127.0.0.1. Every request must carry a valid AWS SigV4
// signature for the configured credentials (recomputed here from the canonical request), so a test fails if the
// client stops signing or signs the wrong thing.
import { createHash, createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface S3Request {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface S3StandIn {
  endpoint: string;
  bucket: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  objects: Map<string, Buffer>;
  requests: S3Request[];
  close(): Promise<void>;
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();

/** RFC 3986 encoding, as SigV4 wants for query names and values. */
const uriEncode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const AUTH_RE = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

function verifySigV4(req: IncomingMessage, body: Buffer, creds: S3StandIn["credentials"], region: string): string | null {
  const auth = req.headers.authorization;
  if (!auth) return "missing Authorization header";
  const m = AUTH_RE.exec(auth);
  if (!m) return `malformed Authorization header: ${auth}`;
  const [, accessKeyId, date, signedRegion, signedHeaders, signature] = m as unknown as [string, string, string, string, string, string];
  if (accessKeyId !== creds.accessKeyId) return "unknown access key";
  if (signedRegion !== region) return `signed for region ${signedRegion}`;
  const amzDate = req.headers["x-amz-date"];
  if (typeof amzDate !== "string" || !amzDate.startsWith(date)) return "x-amz-date missing or not the credential's date";
  const payloadHash = req.headers["x-amz-content-sha256"];
  if (typeof payloadHash !== "string") return "missing x-amz-content-sha256";
  if (payloadHash !== "UNSIGNED-PAYLOAD" && payloadHash !== sha256(body)) return "x-amz-content-sha256 does not match the body";
  const names = signedHeaders.split(";");
  if (!names.includes("host") || !names.includes("x-amz-date")) return "host and x-amz-date must be signed";

  const url = new URL(req.url ?? "/", "http://stand-in");
  const rawPath = (req.url ?? "/").split("?")[0]!;
  const query = [...url.searchParams.entries()]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const canonicalHeaders = names.map((n) => `${n}:${String(req.headers[n] ?? "").trim().replace(/\s+/g, " ")}\n`).join("");
  const canonicalRequest = [req.method, rawPath, query, canonicalHeaders, signedHeaders, payloadHash].join("\n");
  const scope = `${date}/${region}/s3/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest)].join("\n");
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${creds.secretAccessKey}`, date), region), "s3"), "aws4_request");
  const expected = createHmac("sha256", signingKey).update(stringToSign).digest("hex");
  return expected === signature ? null : "signature does not match";
}

function xml(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { "content-type": "application/xml" });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
}

const s3Error = (res: ServerResponse, status: number, code: string, message: string) =>
  xml(res, status, `<Error><Code>${code}</Code><Message>${message}</Message></Error>`);

export async function startS3StandIn(opts: { bucket?: string; region?: string } = {}): Promise<S3StandIn> {
  const bucket = opts.bucket ?? "recordings";
  const region = opts.region ?? "us-east-1";
  const credentials = { accessKeyId: "AKIASTANDIN00000000", secretAccessKey: randomBytes(20).toString("base64") };
  const objects = new Map<string, Buffer>();
  const uploads = new Map<string, { key: string; parts: Map<number, Buffer> }>();
  const requests: S3Request[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", "http://stand-in");
    requests.push({ method: req.method ?? "", path: url.pathname, query: url.search, headers: req.headers });

    if (req.headers["content-encoding"]?.includes("aws-chunked")) return s3Error(res, 501, "NotImplemented", "aws-chunked bodies are not supported by the stand-in");
    const authError = verifySigV4(req, body, credentials, region);
    if (authError) return s3Error(res, 403, "SignatureDoesNotMatch", authError);

    const [, reqBucket, ...keyParts] = url.pathname.split("/");
    if (reqBucket !== bucket) return s3Error(res, 404, "NoSuchBucket", "no such bucket");
    const key = keyParts.map(decodeURIComponent).join("/");
    const q = url.searchParams;

    if (req.method === "POST" && q.has("uploads")) {
      const uploadId = randomBytes(8).toString("hex");
      uploads.set(uploadId, { key, parts: new Map() });
      return xml(res, 200, `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`);
    }
    if (req.method === "PUT" && q.has("uploadId")) {
      const upload = uploads.get(q.get("uploadId")!);
      if (!upload) return s3Error(res, 404, "NoSuchUpload", "no such upload");
      upload.parts.set(Number(q.get("partNumber")), body);
      res.writeHead(200, { etag: `"${createHash("md5").update(body).digest("hex")}"` });
      return res.end();
    }
    if (req.method === "POST" && q.has("uploadId")) {
      const upload = uploads.get(q.get("uploadId")!);
      if (!upload) return s3Error(res, 404, "NoSuchUpload", "no such upload");
      const numbers = [...body.toString("utf8").matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((x) => Number(x[1]));
      objects.set(upload.key, Buffer.concat(numbers.map((n) => upload.parts.get(n) ?? Buffer.alloc(0))));
      uploads.delete(q.get("uploadId")!);
      return xml(res, 200, `<CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${upload.key}</Key><ETag>"done"</ETag></CompleteMultipartUploadResult>`);
    }
    if (req.method === "DELETE" && q.has("uploadId")) {
      uploads.delete(q.get("uploadId")!);
      res.writeHead(204);
      return res.end();
    }
    if (req.method === "PUT") {
      objects.set(key, body);
      res.writeHead(200, { etag: `"${createHash("md5").update(body).digest("hex")}"` });
      return res.end();
    }
    if (req.method === "DELETE") {
      objects.delete(key);
      res.writeHead(204);
      return res.end();
    }
    const object = objects.get(key);
    if (req.method === "HEAD") {
      res.writeHead(object ? 200 : 404, object ? { "content-length": String(object.length), "content-type": "application/octet-stream" } : {});
      return res.end();
    }
    if (req.method === "GET") {
      if (!object) return s3Error(res, 404, "NoSuchKey", "The specified key does not exist.");
      const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? "");
      if (!range) {
        res.writeHead(200, { "content-length": String(object.length), "content-type": "application/octet-stream" });
        return res.end(object);
      }
      const start = Number(range[1]);
      const end = Math.min(Number(range[2]), object.length - 1);
      if (start >= object.length || end < start) return s3Error(res, 416, "InvalidRange", "The requested range is not satisfiable");
      res.writeHead(206, { "content-length": String(end - start + 1), "content-range": `bytes ${start}-${end}/${object.length}`, "content-type": "application/octet-stream" });
      return res.end(object.subarray(start, end + 1));
    }
    return s3Error(res, 405, "MethodNotAllowed", `${req.method} is not supported by the stand-in`);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => s3Error(res, 500, "InternalError", String(err)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region,
    credentials,
    objects,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
