import { SecretField } from "@/components/shared/secret-field";

/** What a softphone needs: the SIP URI (user@domain), the auth username and the password. */
export function SipCredentials({ username, domain, password }: { username: string; domain: string; password: string }) {
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <SecretField label="SIP URI" value={`${username}@${domain}`} />
      <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <SecretField label="Username" value={username} />
        <SecretField label="Domain (realm)" value={domain} />
      </div>
      <SecretField label="Password" value={password} />
    </div>
  );
}
