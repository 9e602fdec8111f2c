import { z } from "zod";
import { ZMemberRole } from "@/server/invitations/invitations.schemas";

export const ZChangeMemberRoleInput = z.object({ membershipId: z.string().min(1).max(64), role: ZMemberRole });
export type TChangeMemberRoleInput = z.infer<typeof ZChangeMemberRoleInput>;

export const ZRemoveMemberInput = z.object({ membershipId: z.string().min(1).max(64) });
