// Imported first by main.ts: modules evaluate in import order, so src/env.ts and the logger see these before
// they are created. The worker logs as service "worker", and takes a larger database pool than the app's 10:
// a thousand live calls make bursts of short transactions, and measured on two cores 20 connections (18 for call
// work) kept 100 new calls/s with ~1,100 live calls originating within 1 s (p95), where 10 fell 11 s behind and
// 30 was slower again (lock and CPU contention). DATABASE_POOL_SIZE set explicitly still wins.
process.env.IRISX_SERVICE ??= "worker";
process.env.DATABASE_POOL_SIZE ??= "20";
