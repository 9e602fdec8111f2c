// The price of a message, in integer micro-units of the tenant's currency: SMS per segment, MMS per message (a
// PricePlan's rates, or the platform default's: Twilio's US list price, 0.0079 a segment, 0.02 an MMS).
import type { MessageChannel, MessageDirection } from "@/generated/prisma/enums";

export interface MessagingRates {
  smsOutboundMicrosPerSegment: bigint;
  smsInboundMicrosPerSegment: bigint;
  mmsOutboundMicrosPerMessage: bigint;
}

export const DEFAULT_MESSAGING_RATES: MessagingRates = { smsOutboundMicrosPerSegment: 7_900n, smsInboundMicrosPerSegment: 7_900n, mmsOutboundMicrosPerMessage: 20_000n };

export function priceMessage(rates: MessagingRates, channel: MessageChannel, direction: MessageDirection, numSegments: number): bigint {
  if (channel === "MMS") return direction === "OUTBOUND" ? rates.mmsOutboundMicrosPerMessage : rates.smsInboundMicrosPerSegment;
  const perSegment = direction === "OUTBOUND" ? rates.smsOutboundMicrosPerSegment : rates.smsInboundMicrosPerSegment;
  return perSegment * BigInt(Math.max(1, numSegments));
}
