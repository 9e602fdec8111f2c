import { describe, expect, it } from "vitest";
import { expandVariables } from "./expand";

const scope = {
  variable: (name: string) => ({ sofia_profile_name: "external", greeting: "hi ${sofia_profile_name}" })[name],
  global: (name: string) => ({ base_dir: "/opt/fsv" })[name],
};

describe("the switch's expansion of application arguments, as FreeSWITCH 1.10.12 does it", () => {
  it("expands variables, globals and nested values; API calls are refused (api-expansion=false)", () => {
    // Sent raw to the real switch (with api-expansion on, system() printed nothing), it executed
    // "hello  and external and /opt/fsv back\slash q $ end $".
    const raw = "hello ${system(touch /tmp/x)} and ${sofia_profile_name} and $${base_dir} back\\slash \\'q\\' $$ end $";
    expect(expandVariables(raw, scope)).toBe("hello <API Execute Permission Denied> and external and /opt/fsv back\\slash q $ end $");
    expect(expandVariables("${greeting}!", scope)).toBe("hi external!");
    expect(expandVariables("${expr 1+1}", scope)).toBe("<API Execute Permission Denied>");
    expect(expandVariables("${unset}x", scope)).toBe("x");
  });

  it("leaves text with nothing to expand untouched, backslashes included", () => {
    expect(expandVariables("C:\\dir a\\b $5", scope)).toBe("C:\\dir a\\b $5");
  });

  it("passes escaped text through literally (the worker's escaping, worker/call-control/switch-commands.ts)", () => {
    const escaped = "hello \\${system(touch /tmp/x)} and \\$\\${base_dir} a \\\\ b \\\\\\${x} end \\$";
    expect(expandVariables(escaped, scope)).toBe("hello ${system(touch /tmp/x)} and $${base_dir} a \\ b \\${x} end $");
  });
});
