/**
 * How Concourse names an entry of a top-level list of the config in its messages (atc/configvalidate/validate.go,
 * the `location` type).
 */

/** Go's `location.String()`: `section[i]`. */
export const location = (section: string, index: number): string => `${section}[${index}]`;

/** Go's `location.Identifier(name)`: `section.name`, or `section[i]` for a nameless entry. */
export const locationIdentifier = (section: string, index: number, name: string): string =>
  name === "" ? location(section, index) : `${section}.${name}`;
