import { z } from "zod";
import { ZPageInput } from "@/server/shared/paging";

/** A DNS name we can send from: LDH labels of 1-63, at least two, a TLD that is not all digits, at most 253. */
export const ZDomainName = z
  .string()
  .trim()
  .toLowerCase()
  .transform((d) => d.replace(/\.$/, ""))
  .pipe(
    z
      .string()
      .min(1, "a domain is required")
      .max(253, "at most 253 characters")
      .regex(/^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/, "a domain name such as mail.example.com")
      .refine((d) => !/^\d+$/.test(d.split(".").at(-1)!), "a domain name, not an IP address"),
  );

export const ZCreateSendingDomainInput = z.strictObject({ domain: ZDomainName });
export type TCreateSendingDomainInput = z.input<typeof ZCreateSendingDomainInput>;

export const ZSendingDomainIdInput = z.object({ id: z.string().min(1).max(64) });
export type TSendingDomainIdInput = z.input<typeof ZSendingDomainIdInput>;

export const ZFindSendingDomainsInput = ZPageInput;
export type TFindSendingDomainsInput = z.input<typeof ZFindSendingDomainsInput>;

export const ZValidateEmailAddressInput = z.strictObject({ address: z.string().max(320, "at most 320 characters") });
export type TValidateEmailAddressInput = z.input<typeof ZValidateEmailAddressInput>;
