import { TwoFactorSettings } from "@/components/shared/two-factor-settings";
import { PageHeader } from "@/components/ui/page-header";

/** What staff see in /admin until they sign in with a second factor: why, and the set-up itself. */
export function StaffSecondFactorRequired() {
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader
        title="Two-factor authentication required"
        description="The admin console reaches every tenant, so staff sign in with a code from an authenticator app as well as a password. Set it up here, then sign in again with a code."
        className="pb-0"
      />
      <TwoFactorSettings reauthAfterEnrol />
    </div>
  );
}
