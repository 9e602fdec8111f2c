// WhatsApp Cloud API: the platform's Meta app (its app secret signs every webhook, its verify token answers the
// subscription check), the Graph API's base URL and version, and the inputs of the WhatsApp use-cases.
import { z } from "zod";
import { ZE164Shape } from "@/server/calls/calls.schemas";
import type { RoleRule } from "@/server/tenancy";

const ZWhatsAppEnv = z.object({
  WHATSAPP_GRAPH_BASE_URL: z.url().default("https://graph.facebook.com"),
  WHATSAPP_GRAPH_VERSION: z.string().regex(/^v\d+\.\d+$/).default("v21.0"),
  /** The Meta app's secret: X-Hub-Signature-256 of every webhook is an HMAC-SHA256 of the raw body with it. */
  WHATSAPP_APP_SECRET: z.string().optional(),
  /** What the webhook subscription check (hub.verify_token) must carry. */
  WHATSAPP_VERIFY_TOKEN: z.string().optional(),
});

export function whatsappEnv(source: Record<string, string | undefined> = process.env) {
  return ZWhatsAppEnv.parse(source);
}

/** Meta's customer-service window: free-form messages only within 24 hours of the user's last message. */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Meta's error code for a free-form message outside the window ("Re-engagement message"). */
export const WHATSAPP_REENGAGEMENT_CODE = 131047;
export const DEFAULT_WHATSAPP_MICROS_PER_MESSAGE = 5_000n;

export const WHATSAPP_ADMIN_ROLE: RoleRule = { minRole: "ADMIN" };

export const ZConnectWhatsAppNumberInput = z.object({
  phoneNumberId: z.string().trim().regex(/^\d{5,32}$/, "Meta's phone number id (digits, from WhatsApp Manager → API setup)"),
  wabaId: z.string().trim().regex(/^\d{5,32}$/, "the WhatsApp Business Account id (digits)"),
  e164: ZE164Shape,
  accessToken: z.string().trim().min(20, "a system-user access token with whatsapp_business_messaging").max(1024),
});
export type TConnectWhatsAppNumberInput = z.input<typeof ZConnectWhatsAppNumberInput>;

const ZReplyButton = z.object({ type: z.literal("reply"), reply: z.object({ id: z.string().min(1).max(256), title: z.string().min(1).max(20, "a button title is at most 20 characters") }) });
const ZListRow = z.object({ id: z.string().min(1).max(200), title: z.string().min(1).max(24, "a row title is at most 24 characters"), description: z.string().max(72).optional() });
const ZText = (max: number) => z.object({ text: z.string().min(1).max(max) });

/** Meta's interactive object: reply buttons (up to 3) or a list (up to 10 sections, 10 rows in all). */
export const ZWhatsAppInteractive = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("button"),
    header: z.object({ type: z.literal("text"), text: z.string().min(1).max(60) }).optional(),
    body: ZText(1024),
    footer: ZText(60).optional(),
    action: z.object({ buttons: z.array(ZReplyButton).min(1).max(3, "at most 3 reply buttons") }),
  }),
  z.object({
    type: z.literal("list"),
    header: z.object({ type: z.literal("text"), text: z.string().min(1).max(60) }).optional(),
    body: ZText(4096),
    footer: ZText(60).optional(),
    action: z.object({
      button: z.string().min(1).max(20),
      sections: z
        .array(z.object({ title: z.string().max(24).optional(), rows: z.array(ZListRow).min(1).max(10) }))
        .min(1)
        .max(10)
        .refine((s) => s.reduce((n, x) => n + x.rows.length, 0) <= 10, "at most 10 rows in all sections"),
    }),
  }),
]);
export type TWhatsAppInteractive = z.infer<typeof ZWhatsAppInteractive>;

export const WHATSAPP_MEDIA_TYPES = ["image", "document", "audio", "video"] as const;
