import { z } from "zod";
import { ZEmail, ZPassword, ZPersonName, ZToken } from "@/server/auth/auth.schemas";

export const ZMemberRole = z.enum(["OWNER", "ADMIN", "SUPERVISOR", "DEVELOPER", "AGENT"]);

export const ZCreateInvitationInput = z.object({ email: ZEmail, role: ZMemberRole });
export type TCreateInvitationInput = z.infer<typeof ZCreateInvitationInput>;

export const ZRevokeInvitationInput = z.object({ invitationId: z.string().min(1).max(64) });

export const ZGetInvitationInput = z.object({ token: ZToken });

export const ZAcceptInvitationInput = z.object({
  token: ZToken,
  /** Only for someone without an account yet; an existing user accepts while signed in. */
  newUser: z.object({ name: ZPersonName, password: ZPassword }).optional(),
});
export type TAcceptInvitationInput = z.infer<typeof ZAcceptInvitationInput>;
