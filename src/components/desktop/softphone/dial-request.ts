// "Call this number" from elsewhere on the desktop (the call history's Call back): the dial form fills its number and
// takes the focus. A window event, so the history needs no handle on the softphone.
const EVENT = "irisx:dial-request";

export function requestDial(number: string): void {
  window.dispatchEvent(new CustomEvent<string>(EVENT, { detail: number }));
}

export function onDialRequest(handler: (number: string) => void): () => void {
  const listener = (e: Event) => handler((e as CustomEvent<string>).detail);
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}
