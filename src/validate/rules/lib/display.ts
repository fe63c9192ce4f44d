/** `display` as validateDisplay reads it. */

import { goString } from "../../../concourse/go-value.ts";
import { isObject } from "../../../model/common.ts";
import type { Pipeline } from "../../../model/pipeline.ts";
import type { Obj } from "./values.ts";

/** `display.background_image` as Go reads it into a string (`""` when absent), or undefined without one to check. */
export function backgroundImage(pipeline: Readonly<Pipeline>): string | undefined {
  const display = (pipeline as unknown as Obj).display;
  return isObject(display) ? goString(display.background_image) : undefined;
}
