// The worker names a call by its id or by its FreeSWITCH channel uuid. Batched use-cases (applyCallProgressBatch,
// finalizeCalls) match their inputs to the rows they loaded through these keys.

export interface CallRef {
  callId?: string | null;
  channelUuid?: string | null;
}

/** The key an input names its call by: `id:<callId>` when it has one, else `uuid:<channelUuid>`. */
export function callRefKey(ref: CallRef): string {
  return ref.callId ? `id:${ref.callId}` : `uuid:${ref.channelUuid}`;
}

/** Rows by every key an input may name them with (their id, and their channel uuid when they have one). */
export function indexByCallRef<T extends { id: string; channelUuid: string | null }>(rows: readonly T[]): Map<string, T> {
  const byKey = new Map<string, T>();
  for (const row of rows) {
    byKey.set(`id:${row.id}`, row);
    if (row.channelUuid) byKey.set(`uuid:${row.channelUuid}`, row);
  }
  return byKey;
}
