/** `1 job`, `0 resources`, `2 errors`: a count and a noun that takes an s. */
export const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? "" : "s"}`;
