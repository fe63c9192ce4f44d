// Module hooks for tests: appends the URL of every file: module Node loads to $RECORD_LOADS, one per
// line. Registered with `node --import data:text/javascript,...register(...)` (see startup.test.ts).
import { appendFileSync } from "node:fs";

export async function load(url, context, next) {
  if (url.startsWith("file:") && process.env.RECORD_LOADS) appendFileSync(process.env.RECORD_LOADS, `${url}\n`);
  return next(url, context);
}
