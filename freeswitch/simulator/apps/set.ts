// set / export <name>=<value>: export also records the name in export_vars.
import type { SimApp } from "./context.ts";

export const set: SimApp = ({ ch, app, arg }) => {
  const eq = arg.indexOf("=");
  if (eq > 0) ch.setVar(arg.slice(0, eq), arg.slice(eq + 1));
  if (app === "export") ch.setVar("export_vars", arg.slice(0, eq));
  return undefined;
};

/** unset <name>: the variable is gone (mod_dptools unset_function). */
export const unset: SimApp = ({ ch, arg }) => {
  ch.setVar(arg.trim(), undefined);
  return undefined;
};
