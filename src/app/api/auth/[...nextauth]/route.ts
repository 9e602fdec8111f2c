import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/auth-options";
import { isHttpsRequest, withSecureCookies } from "@/lib/request-protocol";

const nextAuth = NextAuth(authOptions);

/**
 * next-auth marks its cookies Secure only when NEXTAUTH_URL is https; the app may be reached over https whatever
 * that says (behind a TLS proxy, a second host name), so Secure follows the request too.
 */
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  const res = (await nextAuth(req, ctx)) as Response;
  return isHttpsRequest(req.url, req.headers) ? withSecureCookies(res) : res;
}

export { handler as GET, handler as POST };
