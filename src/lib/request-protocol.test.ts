import { describe, expect, it } from "vitest";
import { isHttpsRequest, withSecureCookies } from "@/lib/request-protocol";

describe("isHttpsRequest", () => {
  it("is the request's own protocol, or the first X-Forwarded-Proto", () => {
    expect(isHttpsRequest("https://app.example.com/x", new Headers())).toBe(true);
    expect(isHttpsRequest("http://app.example.com/x", new Headers())).toBe(false);
    expect(isHttpsRequest("http://10.0.0.5:3000/x", new Headers({ "x-forwarded-proto": "https" }))).toBe(true);
    expect(isHttpsRequest("http://10.0.0.5:3000/x", new Headers({ "x-forwarded-proto": "HTTPS, http" }))).toBe(true);
    expect(isHttpsRequest("http://10.0.0.5:3000/x", new Headers({ "x-forwarded-proto": "http" }))).toBe(false);
  });

  it("withSecureCookies marks every cookie Secure once, and leaves the body and status", async () => {
    const res = new Response("body", { status: 302, headers: [["set-cookie", "a=1; Path=/; HttpOnly"], ["set-cookie", "b=2; Path=/; Secure"], ["location", "/x"]] });
    const out = withSecureCookies(res);
    expect(out.headers.getSetCookie()).toEqual(["a=1; Path=/; HttpOnly; Secure", "b=2; Path=/; Secure"]);
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/x");
    expect(await out.text()).toBe("body");
  });
});
