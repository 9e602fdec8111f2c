// The variable syntax lives in src/lib so the portal's editor finds variables exactly as renderTemplate does.
export { templateVariables, VARIABLE_PATTERN } from "@/lib/template-variables";
