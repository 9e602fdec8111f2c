// The editable settings of a phone number as a form holds them (strings, "" for empty), and the conversion to
// what the numbers procedures take (null for an empty URL, flow or gateway).
import type { PhoneNumberRow } from "@/components/portal/numbers/types";

export type HttpMethod = "GET" | "POST";

export interface NumberFormValues {
  friendlyName: string;
  voice: boolean;
  sms: boolean;
  mms: boolean;
  voiceUrl: string;
  voiceMethod: HttpMethod;
  statusCallbackUrl: string;
  statusCallbackMethod: HttpMethod;
  smsUrl: string;
  smsMethod: HttpMethod;
  carrierGateway: string;
}

export const EMPTY_NUMBER_FORM: NumberFormValues = {
  friendlyName: "",
  voice: true,
  sms: false,
  mms: false,
  voiceUrl: "",
  voiceMethod: "POST",
  statusCallbackUrl: "",
  statusCallbackMethod: "POST",
  smsUrl: "",
  smsMethod: "POST",
  carrierGateway: "",
};

const method = (value: string): HttpMethod => (value === "GET" ? "GET" : "POST");

export function numberFormFrom(n: PhoneNumberRow): NumberFormValues {
  return {
    friendlyName: n.friendlyName,
    voice: n.capabilities.voice,
    sms: n.capabilities.sms,
    mms: n.capabilities.mms,
    voiceUrl: n.voiceUrl ?? "",
    voiceMethod: method(n.voiceMethod),
    statusCallbackUrl: n.statusCallbackUrl ?? "",
    statusCallbackMethod: method(n.statusCallbackMethod),
    smsUrl: n.smsUrl ?? "",
    smsMethod: method(n.smsMethod),
    carrierGateway: n.carrierGateway ?? "",
  };
}

const orNull = (value: string) => (value.trim() === "" ? null : value.trim());

/** The settings as the create and update procedures take them. The voice flow is kept as it is (set by flows). */
export function numberSettingsInput(v: NumberFormValues) {
  return {
    friendlyName: v.friendlyName.trim(),
    capabilities: { voice: v.voice, sms: v.sms, mms: v.mms },
    voiceUrl: orNull(v.voiceUrl),
    voiceMethod: v.voiceMethod,
    statusCallbackUrl: orNull(v.statusCallbackUrl),
    statusCallbackMethod: v.statusCallbackMethod,
    smsUrl: orNull(v.smsUrl),
    smsMethod: v.smsMethod,
    carrierGateway: orNull(v.carrierGateway),
  };
}
