import { instanceToPlain } from 'class-transformer';

/**
 * A validated DTO is a class instance whose absent optional fields are own properties set to `undefined`
 * (class fields are defined on construction), while the JSON we store drops them. Turning DTOs into plain
 * JSON once, at the edge, makes the facts the rules see now identical to the facts stored and replayed.
 */
export function toPlainJson<T>(instance: object): T {
  return JSON.parse(JSON.stringify(instanceToPlain(instance))) as T;
}
