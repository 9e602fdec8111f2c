// mod_xml_curl's directory binding (freeswitch/conf/autoload_configs/xml_curl.conf.xml): SIP digest credentials
// of tenants' SIP users, asked by the switch on every REGISTER and INVITE from a phone.
import { withHttpMetrics } from "@/server/metrics/registry";
import { directPeerIp } from "@/server/shared/client-ip";
import { answerDirectoryRequest } from "@/server/sip/answer-directory-request";

export const dynamic = "force-dynamic";

export const POST = withHttpMetrics("/api/freeswitch/directory", async (req: Request) => {
  const answer = await answerDirectoryRequest({
    form: new URLSearchParams(await req.text()),
    authorization: req.headers.get("authorization"),
    // Only a switch connected straight to the app counts as "this machine"; X-Forwarded-For is the client's to forge.
    ip: directPeerIp(req.headers),
  });
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
});
