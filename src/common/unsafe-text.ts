/**
 * Characters no field of this service needs: C0 controls other than tab, line feed and carriage return,
 * DEL, C1 controls, and lone UTF-16 surrogates. PostgreSQL refuses NUL in text (a 500 before this check),
 * SQLite keeps it, and a lone surrogate is written as U+FFFD by one layer and kept by another (a title and
 * its audit payload disagreed), so both databases must see them refused before anything is written.
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `text` is refused, in English and in Chinese, or null when every character is acceptable. */
export function unsafeTextReason(text: string): { en: string; zh: string } | null {
  const match = UNSAFE.exec(text);
  if (!match) return null;
  const code = match[0].charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return code >= 0xd800 && code <= 0xdfff
    ? {
        en: `contains a lone surrogate (${hex} at index ${match.index}), which is not a character`,
        zh: `含有孤立的代理码元（${hex}，位于第 ${match.index} 位），它不是字符`,
      }
    : {
        en: `contains the control character ${hex} at index ${match.index}, which no field accepts`,
        zh: `含有控制字符 ${hex}（位于第 ${match.index} 位），任何字段都不接受`,
      };
}
