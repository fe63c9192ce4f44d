import type { Path } from "../model/common.ts";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A path as hangar prints it: `jobs[2].plan[0].task`, `resources[0].source["aws-region"]`.
 */
export function formatPath(path: Path): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (IDENTIFIER.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
