// One mod_xml_curl request, end to end: authenticate the switch, pick user and domain out of the form fields,
// answer the user document or "not found". The route only adapts HTTP to this.
//
// mod_xml_curl POSTs application/x-www-form-urlencoded: hostname, section, tag_name, key_name, key_value, then every
// header of the lookup's event (Event-Name=REQUEST_PARAMS, action=sip_auth|user_call|message-count|..., user,
// domain, key=id, ip, sip_profile, sip_auth_username, sip_auth_realm, sip_user_agent, ...). Only a 200 is parsed.
import { env } from "@/env";
import { logger } from "@/server/logger";
import { authorizeSwitchRequest } from "@/server/sip/authorize-switch-request";
import { renderDirectoryUser, renderNotFound } from "@/server/sip/directory-xml";
import { lookupDirectoryUser } from "@/server/sip/lookup-directory-user";

export interface DirectoryHttpAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

const XML = { "content-type": "text/xml; charset=utf-8", "cache-control": "no-store" };

export async function answerDirectoryRequest(
  req: { form: URLSearchParams; authorization: string | null; ip: string | null },
  config: { password: string | undefined; nodeEnv: string } = { password: env.FREESWITCH_XML_CURL_PASSWORD, nodeEnv: env.NODE_ENV },
): Promise<DirectoryHttpAnswer> {
  const auth = authorizeSwitchRequest(req, config);
  if (!auth.ok) {
    logger.warn({ ip: req.ip, reason: auth.reason }, "freeswitch directory request refused");
    return auth.reason === "missing_credentials" || auth.reason === "wrong_password"
      ? { status: 401, body: "unauthorized\n", headers: { "www-authenticate": 'Basic realm="freeswitch"', "content-type": "text/plain" } }
      : { status: 403, body: "forbidden\n", headers: { "content-type": "text/plain" } };
  }

  const form = req.form;
  const user = form.get("user");
  // sip_auth and user_call carry `domain`; a bare domain lookup names it as key_value of tag "domain".
  const domain = form.get("domain") || (form.get("tag_name") === "domain" ? form.get("key_value") : null);
  if (form.get("section") !== "directory" || !user || !domain) return { status: 200, body: renderNotFound(), headers: XML };

  const found = await lookupDirectoryUser({ user, domain });
  if (!found) {
    logger.info({ user, domain, action: form.get("action") }, "freeswitch directory: no such enabled user");
    return { status: 200, body: renderNotFound(), headers: XML };
  }
  return { status: 200, body: renderDirectoryUser(found), headers: XML };
}
