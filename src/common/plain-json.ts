/**
 * A validated DTO is a class instance whose absent optional fields are own properties set to `undefined`
 * (class fields are defined on construction), while the JSON we store drops them. Turning what a request
 * gave into plain JSON once, at the edge, makes the facts the rules see now identical to the facts stored
 * and replayed. JSON's own round trip does it: what reaches here was parsed from JSON and copied by
 * class-transformer, without any class of ours inside (class-transformer's instanceToPlain walked it first,
 * for the same result and ~11 kB of garbage per submission).
 */
export function toPlainJson<T>(instance: object): T {
  return JSON.parse(JSON.stringify(instance)) as T;
}
