// A local stand-in for S3, for tests: path-style PutObject, GetObject (with Range), HeadObject, DeleteObject and
// the multipart calls lib-storage makes, in memory on 127.0.0.1. Every request must carry a valid AWS SigV4
// signature for the configured credentials (recomputed here from the canonical request), so a test fails if the
// client stops signing or signs the wrong thing.
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { verifySigV4 } from "@/test/sigv4-verify";

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
    const authError = verifySigV4(req, body, credentials, region, "s3");
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
