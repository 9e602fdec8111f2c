// The documents mod_xml_curl expects back from a directory lookup. FreeSWITCH parses them with its own XML parser,
// so they are built (and escaped) by fast-xml-parser rather than by string concatenation.
import { XMLBuilder } from "fast-xml-parser";
import type { DirectoryUser } from "@/server/sip/lookup-directory-user";

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", format: true, suppressEmptyNode: true });

const param = (name: string, value: string) => ({ "@_name": name, "@_value": value });

/** Agents' calls land in this dialplan context (freeswitch/conf/dialplan/internal.xml), whatever profile they used. */
export const AGENT_CONTEXT = "internal";

/** The user document: a1-hash (never the password), how to reach its registrations, and the channel variables. */
export function renderDirectoryUser(user: DirectoryUser): string {
  return builder.build({
    document: {
      "@_type": "freeswitch/xml",
      section: {
        "@_name": "directory",
        domain: {
          "@_name": user.domain,
          params: {
            // `user/<name>@<domain>` bridges to every registration of the user.
            param: [param("dial-string", "{^^:sip_invite_domain=${dialed_domain}:presence_id=${dialed_user}@${dialed_domain}}${sofia_contact(*/${dialed_user}@${dialed_domain})}")],
          },
          user: {
            "@_id": user.username,
            params: { param: [param("a1-hash", user.a1Hash)] },
            variables: {
              variable: [
                param("user_context", AGENT_CONTEXT),
                param("effective_caller_id_name", user.displayName || user.username),
                param("effective_caller_id_number", user.username),
                param("irisx_tenant_id", user.tenantId),
                param("irisx_sip_user_id", user.sipUserId),
              ],
            },
          },
        },
      },
    },
  }) as string;
}

/** "Not found": FreeSWITCH moves on to its next binding or the static XML, which has no users, so the request fails. */
export function renderNotFound(): string {
  return builder.build({
    document: { "@_type": "freeswitch/xml", section: { "@_name": "result", result: { "@_status": "not found" } } },
  }) as string;
}
