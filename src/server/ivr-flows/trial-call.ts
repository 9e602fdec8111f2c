// Who a simulated call is: a caller from the reserved 555-01xx range, a call sid no real call has.
/** The simulated caller: a number from the reserved 555-01xx range. */
export const SIMULATED_CALLER = "+15555550100";
export const SIMULATED_CALL_SID = "CA00000000000000000000000000000000";
