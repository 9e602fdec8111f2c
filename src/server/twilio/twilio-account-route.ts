// Twilio-compatible Account fetch: /2010-04-01/Accounts/{AccountSid}.json, the caller's own account (another
// account's sid is Twilio's 404). Never the auth token: Twilio shows it, IRISX keeps it to the portal.
import { getAccount } from "@/server/account/get-account";
import { rfc2822, TWILIO_API_VERSION } from "@/server/calls/call-transitions";
import { defineTwilioRoute } from "@/server/twilio/define-twilio-route";

const fetchAccount = defineTwilioRoute({ method: "GET", path: "/2010-04-01/Accounts/{AccountSid}.json", scope: "account:read" }, async ({ actor, principal }) => {
  const account = await getAccount(actor);
  const base = `/${TWILIO_API_VERSION}/Accounts/${principal.accountSid}`;
  return {
    status: 200,
    body: {
      sid: principal.accountSid,
      owner_account_sid: principal.accountSid,
      friendly_name: account.name,
      status: account.status === "ACTIVE" ? "active" : "suspended",
      type: "Full",
      date_created: rfc2822(account.createdAt),
      date_updated: rfc2822(account.createdAt),
      auth_token: null,
      uri: `${base}.json`,
      subresource_uris: {
        calls: `${base}/Calls.json`,
        recordings: `${base}/Recordings.json`,
        incoming_phone_numbers: `${base}/IncomingPhoneNumbers.json`,
      },
    },
  };
});

export const twilioAccountRoute = { GET: fetchAccount };
