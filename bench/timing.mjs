// Timing helpers shared by the bench's sections.

/** The median of `xs` (the mean of the two middle values for an even count). */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Milliseconds as the bench prints them: two decimals below 10, one below 1,000, then whole with separators. */
export const ms = (v) =>
  v === undefined ? "-" : v < 10 ? v.toFixed(2) : v < 1000 ? v.toFixed(1) : Math.round(v).toLocaleString("en-US");

/**
 * Median wall and CPU time in ms of `runs` calls of `f` after `warmups` discarded calls, a full GC (when exposed)
 * before each. CPU time (user + system of this process) is shown beside wall time because the machine the bench
 * runs on may be shared.
 */
export function time(f, runs = 5, warmups = 1) {
  for (let i = 0; i < warmups; i++) f();
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const c = process.cpuUsage();
    const t = performance.now();
    f();
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}
