/**
 * Text held as a string or as its UTF-8 bytes (a decision kept as bytes, an audit payload streamed from
 * SQLite), as a string: for the readers that need to parse or print it.
 */
export function textOf(content: string | Uint8Array): string {
  return typeof content === 'string'
    ? content
    : Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('utf8');
}
