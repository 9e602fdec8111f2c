// The official twilio library pointed at a local server instead of api.twilio.com, through twilio-node's documented
// extension point (a custom httpClient): how the Twilio-compatible tests use IRISX as a Twilio customer would.
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";

export class LocalRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super();
  }
  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: opts.uri.replace(/^https:\/\/api\.twilio\.com/, this.baseUrl) });
  }
}
