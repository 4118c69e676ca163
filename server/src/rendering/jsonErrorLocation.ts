/**
 * Where rendered text stops being JSON. `JSON.parse` decides validity (it is what Regal's side of
 * the wire does); jsonc-parser's scanner, run strictly (no comments, no trailing commas), names the
 * first problem and its offset, since `JSON.parse` messages differ between Node versions.
 */
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { lineColumnAt } from './lineColumn';

export interface JsonErrorLocation {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** 0-based offset in the rendered text. */
  offset: number;
}

const describe: Record<string, string> = {
  InvalidSymbol: 'Unexpected character',
  InvalidNumberFormat: 'Invalid number',
  PropertyNameExpected: 'Property name expected',
  ValueExpected: 'Value expected',
  ColonExpected: 'Colon expected',
  CommaExpected: 'Comma expected',
  CloseBraceExpected: 'Closing brace expected',
  CloseBracketExpected: 'Closing bracket expected',
  EndOfFileExpected: 'Nothing may follow the JSON value',
  InvalidCommentToken: 'Comments are not allowed in JSON',
  UnexpectedEndOfComment: 'Comments are not allowed in JSON',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Unterminated number',
  InvalidUnicode: 'Invalid unicode escape',
  InvalidEscapeCharacter: 'Invalid escape character in a string',
  InvalidCharacter: 'Invalid character in a string (a raw line break or control character must be escaped)',
};

export function locateJsonError(text: string, parseError: unknown): JsonErrorLocation {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first) {
    const code = printParseErrorCode(first.error);
    const trailingComma =
      first.error === 3 /* PropertyNameExpected */ || first.error === 4 /* ValueExpected */ ? trailingCommaBefore(text, first.offset) : false;
    const message = trailingComma
      ? 'Trailing comma before a closing bracket or brace'
      : text.trim() === ''
        ? 'The rendered text is empty'
        : (describe[code] ?? code);
    return { message, offset: first.offset, ...lineColumnAt(text, first.offset) };
  }
  // jsonc-parser accepted what JSON.parse refused: fall back to JSON.parse's own position, if any.
  const reason = parseError instanceof Error ? parseError.message : String(parseError);
  const position = /position (\d+)/.exec(reason);
  const offset = position ? Math.min(Number(position[1]), text.length) : 0;
  return { message: reason, offset, ...lineColumnAt(text, offset) };
}

/** True when the token at `offset` is `}` or `]` and the previous non-blank character is a comma. */
function trailingCommaBefore(text: string, offset: number): boolean {
  if (text[offset] !== '}' && text[offset] !== ']') return false;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i] ?? '')) i--;
  return text[i] === ',';
}
