/**
 * How Go's encoding/json matches the keys of a JSON object to the fields of a struct, which is how Concourse reads
 * a pipeline (sigs.k8s.io/yaml turns the YAML into JSON and hands it to encoding/json):
 *
 * - a key is a field's when it is the field's name exactly, or else when the two are equal ignoring case
 *   (encoding/json fold.go: each ASCII letter upper-cased, every other character as `unicode.ToUpper(
 *   unicode.ToLower(r))`), so `Name`, `NAME` and `nAme` are all `name`'s, and the long s, the Kelvin sign and
 *   the dotted and dotless i stand for `s`, `k` and `i`;
 * - sigs.k8s.io/yaml writes the JSON with json.Marshal of a map, so the keys of every object reach the decoder in
 *   byte order ({@link goJsonDecodeOrder}), whatever order the file wrote them in; each key decodes into its field
 *   in turn, over what the keys before it left there (shape-fold.ts), so of two scalars given for one field the
 *   later in that order wins (`name` over `Name`).
 *
 * Map lookups that Concourse does itself (a step's kind found by `rawStepConfig["get"]`, the known fields deleted
 * from a step or task config by their exact name) are exact: see step-fields.ts.
 */

/**
 * The characters outside ASCII that fold to an ASCII letter in `unicode.ToUpper(unicode.ToLower(r))`: the Kelvin
 * sign (to `k`, then `K`), the long s (upper-cased to `S`), the dotted capital I (lower-cased to `i`) and the
 * dotless i (upper-cased to `I`). No other character can match a field named in ASCII.
 */
const ASCII_FOLDS: ReadonlyMap<string, string> = new Map([
  ["\u212a", "K"],
  ["\u017f", "S"],
  ["\u0130", "I"],
  ["\u0131", "I"],
]);

/**
 * A key as encoding/json folds it to compare it to a field name (`foldName`), for keys that may match a field
 * named in ASCII: ASCII letters upper-cased, the four characters of {@link ASCII_FOLDS} folded, anything else kept
 * (it matches no ASCII field name either way).
 */
export function goJsonFold(key: string): string {
  let out = "";
  for (const ch of key) {
    const code = ch.charCodeAt(0);
    if (code >= 0x61 && code <= 0x7a) out += String.fromCharCode(code - 0x20);
    else out += ASCII_FOLDS.get(ch) ?? ch;
  }
  return out;
}

/** The field names of a struct by their folded form: how a key written in another case finds its field. */
export const foldedFieldNames = (names: Iterable<string>): ReadonlyMap<string, string> =>
  new Map(Array.from(names, (name) => [goJsonFold(name), name]));

/**
 * The order in which encoding/json sees the keys of one object: json.Marshal of a Go map sorts them by their UTF-8
 * bytes. Keys of one field hold only ASCII and the characters of {@link ASCII_FOLDS}, below the surrogates, where
 * UTF-16 order is UTF-8's.
 */
export const goJsonDecodeOrder = (keys: readonly string[]): string[] =>
  [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
