// Imported first by main.ts: modules evaluate in import order, so the logger (src/server/logger.ts) sees this
// before it is created and every line of this process says service "worker".
process.env.IRISX_SERVICE ??= "worker";
