import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import type { SourceData } from "@smithy/types";
import { describe, expect, it } from "vitest";
import { amzDate, signAwsRequest } from "@/server/speech/aws-sigv4";

const toBytes = (data: SourceData) => (typeof data === "string" ? Buffer.from(data) : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data));

/** The hash constructor @smithy/signature-v4 takes: SHA-256, or HMAC-SHA256 when given a secret. */
class NodeSha256 {
  private readonly h: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.h = secret === undefined ? createHash("sha256") : createHmac("sha256", toBytes(secret));
  }
  update(data: SourceData) {
    this.h.update(toBytes(data));
  }
  async digest() {
    return new Uint8Array(this.h.digest());
  }
}

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

describe("signAwsRequest", () => {
  it("writes the date in SigV4's basic format", () => {
    expect(amzDate(new Date("2015-08-30T12:36:00.123Z"))).toBe("20150830T123600Z");
  });

  it.each([
    ["Polly's SynthesizeSpeech", "https://polly.eu-west-1.amazonaws.com/v1/speech", "eu-west-1", "polly", '{"Text":"Hello","VoiceId":"Joanna"}'],
    ["a path and query that need encoding", "http://127.0.0.1:4566/v1/lexicons/my%20lexicon?NextToken=a%2Fb&Max=10", "us-east-1", "polly", ""],
  ])("signs %s exactly as AWS's own signer does", async (_name, url, region, service, body) => {
    const now = new Date("2026-12-04T06:40:59Z");
    const ours = signAwsRequest({ method: "POST", url, headers: { "content-type": "application/json" }, body, service, region, credentials, now });
    const u = new URL(url);
    const signer = new SignatureV4({ credentials, region, service, sha256: NodeSha256 });
    const theirs = await signer.sign(
      {
        method: "POST",
        protocol: u.protocol,
        hostname: u.hostname,
        port: u.port ? Number(u.port) : undefined,
        path: decodeURIComponent(u.pathname),
        query: Object.fromEntries(u.searchParams),
        headers: { host: u.host, "content-type": "application/json", "x-amz-content-sha256": ours["x-amz-content-sha256"]! },
        body,
      },
      { signingDate: now },
    );
    expect(ours.authorization).toBe(theirs.headers.authorization);
    expect(ours["x-amz-date"]).toBe("20261204T064059Z");
  });

  it("signs a session token when the credentials carry one", () => {
    const headers = signAwsRequest({ method: "POST", url: "https://polly.us-east-1.amazonaws.com/v1/speech", headers: {}, body: "{}", service: "polly", region: "us-east-1", credentials: { ...credentials, sessionToken: "token" } });
    expect(headers["x-amz-security-token"]).toBe("token");
    expect(headers.authorization).toContain("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,");
  });
});
