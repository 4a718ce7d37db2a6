/** RFC 6901 JSON pointer from path segments, so a problem's place can be followed into the file. */
export function jsonPointer(...segments: (string | number)[]): string {
  return segments.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Extends a pointer by more segments. */
export function childPointer(base: string, ...segments: (string | number)[]): string {
  return base + jsonPointer(...segments);
}
