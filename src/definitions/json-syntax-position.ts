/**
 * Where JSON text stops being valid. V8's JSON.parse names the position for most errors but not for an
 * unexpected token ("Unexpected token '}', ... is not valid JSON"); an officer editing a rule file needs
 * the line either way, so this small scanner walks the RFC 8259 grammar and returns the offset of the
 * first character that cannot continue a valid text (the text length when the text ends too early).
 */
export function jsonSyntaxErrorOffset(text: string): number {
  let at = 0;
  const fail = (): never => {
    throw new SyntaxAt(at);
  };
  const skipSpace = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at])) at++;
  };
  const expect = (char: string) => {
    if (text[at] !== char) fail();
    at++;
  };
  const literal = (word: string) => {
    for (const char of word) expect(char);
  };
  const digits = () => {
    if (!/[0-9]/.test(text[at] ?? '')) fail();
    while (/[0-9]/.test(text[at] ?? '')) at++;
  };
  const number = () => {
    if (text[at] === '-') at++;
    if (text[at] === '0') at++;
    else digits();
    if (text[at] === '.') {
      at++;
      digits();
    }
    if (text[at] === 'e' || text[at] === 'E') {
      at++;
      if (text[at] === '+' || text[at] === '-') at++;
      digits();
    }
  };
  const string = () => {
    expect('"');
    for (;;) {
      const char = text[at];
      if (char === undefined || char < ' ') fail();
      at++;
      if (char === '"') return;
      if (char === '\\') {
        if (text[at] === 'u') {
          at++;
          for (let i = 0; i < 4; i++) {
            if (!/[0-9a-fA-F]/.test(text[at] ?? '')) fail();
            at++;
          }
        } else if (!'"\\/bfnrt'.includes(text[at] ?? 'x')) fail();
        else at++;
      }
    }
  };
  const sequence = (close: string, member: () => void) => {
    at++;
    skipSpace();
    if (text[at] === close) {
      at++;
      return;
    }
    for (;;) {
      member();
      skipSpace();
      if (text[at] === close) {
        at++;
        return;
      }
      expect(',');
      skipSpace();
    }
  };
  const value = (): void => {
    skipSpace();
    const char = text[at];
    if (char === '{') {
      sequence('}', () => {
        string();
        skipSpace();
        expect(':');
        value();
      });
    } else if (char === '[') sequence(']', value);
    else if (char === '"') string();
    else if (char === 't') literal('true');
    else if (char === 'f') literal('false');
    else if (char === 'n') literal('null');
    else if (char === '-' || /[0-9]/.test(char ?? '')) number();
    else fail();
  };

  try {
    value();
    skipSpace();
    if (at < text.length) fail();
  } catch (error) {
    if (error instanceof SyntaxAt) return Math.min(error.offset, text.length);
    throw error;
  }
  return -1; // valid
}

class SyntaxAt {
  constructor(readonly offset: number) {}
}

/** 1-based line and column of an offset, as editors count them. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
