// One process that does what `hangar render` does with a pipeline of N jobs, once: build it, render it (one
// conversion), validate the rendered data. No warm-up and no forced GC, as in a user's process; the in-process rows of
// section 1b run each phase again and again, with a full GC before each, which is not how a render runs. Then it
// validates the same data `AGAIN` more times, as `hangar render --watch` and the language server do in one process,
// which shows how fast the validator warms up. Run by run.mjs as `node bench/once.mjs N validator.mjs`;
// prints one JSON line of milliseconds (the first validation as wall and CPU, the later ones as wall).
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import * as hangar from "hangar";
import { time } from "./timing.mjs";
import { withHangar } from "./workload.mjs";

const [n, validatorPath] = [Number(process.argv[2]), process.argv[3]];
/** How many times the data is validated again after the first. */
const AGAIN = 5;
if (!Number.isInteger(n) || n < 2 || n % 2 !== 0) throw new Error(`N must be an even integer, got ${process.argv[2]}`);
if (validatorPath === undefined) throw new Error("usage: node bench/once.mjs N validator.mjs");
const validator = await import(pathToFileURL(validatorPath).href);

const start = performance.now();
const rendered = validator.renderData(withHangar(n, hangar), "json");
const render = performance.now() - start;
// one call each, no warm-up (run without --expose-gc, so no forced GC either)
const validateOnce = () => time(() => validator.validateData(rendered.data), 1, 0);
const first = validateOnce();
const again = Array.from({ length: AGAIN }, () => validateOnce().wall);
console.log(JSON.stringify({ render, validate: first.wall, validateCpu: first.cpu, again }));
