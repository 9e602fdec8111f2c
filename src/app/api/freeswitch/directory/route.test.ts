import { describe, expect, it } from "vitest";
import { createTestTenant } from "@/test/factories";
import { createSipUser } from "@/server/sip/create-sip-user";
import { POST } from "@/app/api/freeswitch/directory/route";

const form = (user: string, domain: string) =>
  new URLSearchParams({ hostname: "fs1", section: "directory", tag_name: "domain", key_name: "name", key_value: domain, action: "sip_auth", key: "id", user, domain });

// The use-case behind this route is tested in src/server/sip/sip-users.test.ts; this proves the HTTP adaptation
// (form body in, text/xml out, the client address from X-Forwarded-For). Tests run without
// FREESWITCH_XML_CURL_PASSWORD, so only loopback is answered.
describe("POST /api/freeswitch/directory", () => {
  it("is served by POST /api/freeswitch/directory as text/xml", async () => {
    const { actor } = await createTestTenant();
    const { sipUser } = await createSipUser(actor, { username: "dave" });
    const res = await POST(
      new Request("http://localhost:3000/api/freeswitch/directory", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "127.0.0.1", "x-irisx-peer": "127.0.0.1", "user-agent": "freeswitch-xml/1.0" },
        body: form("dave", sipUser.domain).toString(),
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/xml/);
    expect(await res.text()).toContain('<user id="dave">');
    const remote = await POST(
      new Request("http://localhost:3000/api/freeswitch/directory", { method: "POST", headers: { "x-forwarded-for": "198.51.100.4" }, body: form("dave", sipUser.domain).toString() }),
    );
    expect(remote.status).toBe(403);
    // A spoofed X-Forwarded-For from afar: the peer hook appends the true peer, which is not loopback.
    const spoofed = await POST(
      new Request("http://localhost:3000/api/freeswitch/directory", {
        method: "POST",
        headers: { "x-forwarded-for": "127.0.0.1, 198.51.100.4", "x-irisx-peer": "198.51.100.4" },
        body: form("dave", sipUser.domain).toString(),
      }),
    );
    expect(spoofed.status).toBe(403);
  });
});
