import { z } from "zod";

export const ZEmail = z.string().trim().toLowerCase().pipe(z.email({ error: "Enter a valid email address" })).pipe(z.string().max(254));
export const ZPassword = z
  .string()
  .min(10, { error: "Use at least 10 characters" })
  .max(200, { error: "Use at most 200 characters" });
export const ZPersonName = z.string().trim().min(1, { error: "Enter your name" }).max(100);
/** A link's token: anything else is a link cut short or not one of ours, said so in words the page can show. */
const MALFORMED_LINK = "the link is incomplete or malformed";
export const ZToken = z.string().trim().min(20, { error: MALFORMED_LINK }).max(200, { error: MALFORMED_LINK });

export const ZSignUpInput = z.object({
  name: ZPersonName,
  email: ZEmail,
  password: ZPassword,
  companyName: z.string().trim().min(2, { error: "Enter your company name: 2 to 100 characters" }).max(100, { error: "Use at most 100 characters for the company name" }),
});
export type TSignUpInput = z.infer<typeof ZSignUpInput>;

export const ZSignInInput = z.object({
  email: ZEmail,
  password: z.string().min(1).max(200),
  /** The second factor, for users who turned it on: the authenticator's code or a recovery code. */
  code: z.string().trim().max(32).optional().transform((c) => c || undefined),
});
export type TSignInInput = z.input<typeof ZSignInInput>;

export const ZVerifyEmailInput = z.object({ token: ZToken });
export const ZRequestPasswordResetInput = z.object({ email: ZEmail });
export const ZResetPasswordInput = z.object({ token: ZToken, password: ZPassword });
export type TResetPasswordInput = z.infer<typeof ZResetPasswordInput>;
