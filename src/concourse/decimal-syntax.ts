/**
 * The decimal numbers of as many digits as `max`, up to it, as a regular expression's source, each digit followed by
 * `gap` (`_*` where go-yaml drops underscores, nothing where a number is read as it is): those whose first digit that
 * differs from `max`'s is smaller, and `max` itself. Shorter numbers are the caller's to allow.
 */
export function decimalsUpTo(max: string, gap = ""): string {
  const written = (digits: string) => [...digits].map((d) => `${d}${gap}`).join("");
  const smaller = [...max].flatMap((digit, i) => {
    const lowest = i === 0 ? 1 : 0;
    if (Number(digit) <= lowest) return [];
    const rest = max.length - i - 1;
    const after = rest > 0 ? `(?:[0-9]${gap}){${rest}}` : "";
    return [`${written(max.slice(0, i))}[${lowest}-${Number(digit) - 1}]${gap}${after}`];
  });
  return [...smaller, written(max)].join("|");
}
