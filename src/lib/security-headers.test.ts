import { describe, expect, it } from "vitest";
import { pageContentSecurityPolicy, softphoneConnectSources } from "@/lib/security-headers";

describe("the softphone's WebSocket in the pages' policy", () => {
  it("allows the configured switch origin, else the page's host on ws 5066 and wss 7443, and nothing odd", () => {
    expect(softphoneConnectSources("wss://sip.example.com:7443/path", "cc.example.com")).toBe("wss://sip.example.com:7443");
    expect(softphoneConnectSources(undefined, "cc.example.com")).toBe("ws://cc.example.com:5066 wss://cc.example.com:7443");
    expect(softphoneConnectSources("https://not-a-socket.example.com", "x")).toBe("");
    expect(softphoneConnectSources(undefined, "bad host;")).toBe("");
    expect(pageContentSecurityPolicy("n", false, "ws://h:5066")).toContain("connect-src 'self' ws://h:5066;");
    expect(pageContentSecurityPolicy("n", false)).toContain("connect-src 'self';");
  });
});
