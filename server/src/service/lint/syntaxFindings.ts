/**
 * Turns jsonc-parser's errors on a JSON view into findings: comments and trailing commas get their
 * own codes (Regal's own examples contain both), everything else is `invalid-json` with a message
 * that says what to write. Only the first error of a line is kept: the rest are its echoes.
 */
import { ParseErrorCode, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Finding } from '../diagnosticCodes';
import { lineLookup } from '../util/lineIndex';

/** Past this many, further syntax errors of a garbled file add nothing for the reader. */
const MAX_FINDINGS = 200;

/** `source` is the template itself, quoted in messages; offsets are the same in both texts. */
export function syntaxFindings(viewText: string, errors: readonly ParseError[], source = viewText): Finding[] {
  const findings: Finding[] = [];
  const trailingCommaAt = new Set<number>();
  let lastLineReported = -1;
  const lineOf = lineLookup(viewText);
  for (const error of errors) {
    if (error.error === ParseErrorCode.InvalidCommentToken) {
      findings.push(commentFinding(source, error));
      continue;
    }
    const comma = trailingComma(viewText, error);
    if (comma !== undefined) {
      if (!trailingCommaAt.has(comma)) {
        trailingCommaAt.add(comma);
        findings.push({
          code: 'trailing-comma',
          start: comma,
          end: comma + 1,
          message: 'Trailing comma: JSON allows no comma before `}` or `]`, so Regal rejects the body. Remove it.',
          data: { offset: comma },
        });
      }
      continue;
    }
    const line = lineOf(error.offset);
    if (line === lastLineReported || findings.length >= MAX_FINDINGS) continue;
    lastLineReported = line;
    findings.push({
      code: 'invalid-json',
      start: error.offset,
      end: error.offset + error.length,
      message: invalidJsonMessage(viewText, source, error),
      data: { parseError: printParseErrorCode(error.error) },
    });
  }
  return findings;
}

function commentFinding(source: string, error: ParseError): Finding {
  const comment = source.slice(error.offset, error.offset + error.length);
  const shown = comment.length > 40 ? `${comment.slice(0, 37)}…` : comment;
  return {
    code: 'comment',
    start: error.offset,
    end: error.offset + error.length,
    message: `Comments are not JSON: Iterable sends the body as written, so Regal receives invalid JSON. Remove \`${shown.trim()}\`.`,
    data: { kind: comment.startsWith('//') ? 'line' : 'block' },
  };
}

/** The offset of the comma when this error is the symptom of a trailing comma. */
function trailingComma(viewText: string, error: ParseError): number | undefined {
  if (error.error !== ParseErrorCode.PropertyNameExpected && error.error !== ParseErrorCode.ValueExpected) return undefined;
  const closer = viewText[error.offset];
  if (closer !== '}' && closer !== ']') return undefined;
  let i = error.offset - 1;
  while (i >= 0) {
    const c = viewText[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i--;
      continue;
    }
    // Skip a block comment written between the comma and the bracket.
    if (c === '/' && viewText[i - 1] === '*') {
      const open = viewText.lastIndexOf('/*', i - 2);
      if (open === -1) return undefined;
      i = open - 1;
      continue;
    }
    return c === ',' ? i : undefined;
  }
  return undefined;
}

function invalidJsonMessage(viewText: string, source: string, error: ParseError): string {
  const found = source.slice(error.offset, error.offset + Math.min(error.length, 20));
  switch (error.error) {
    case ParseErrorCode.ValueExpected:
      if (viewText.trim() === '') return 'The payload is empty: Regal expects a JSON object, e.g. `{ "traits": { "phone": "{{phoneNumber}}" } }`.';
      return 'Expected a JSON value here (a string in double quotes, a number, `true`, `false`, `null`, an object or an array).';
    case ParseErrorCode.PropertyNameExpected:
      return 'Expected a property name in double quotes, e.g. `"phone"`.';
    case ParseErrorCode.ColonExpected:
      return 'Expected `:` between the property name and its value.';
    case ParseErrorCode.CommaExpected:
      return 'Expected `,` between two properties or array items.';
    case ParseErrorCode.CloseBraceExpected:
      return 'Expected `}` to close the object (or `,` before the next property).';
    case ParseErrorCode.CloseBracketExpected:
      return 'Expected `]` to close the array (or `,` before the next item).';
    case ParseErrorCode.EndOfFileExpected:
      return 'Unexpected content after the end of the JSON object: the body must be exactly one object.';
    case ParseErrorCode.InvalidSymbol:
      return `Unexpected \`${found}\`: not valid JSON. Put text in double quotes and Handlebars inside \`{{ }}\`.`;
    case ParseErrorCode.InvalidNumberFormat:
      return `Invalid number \`${found}\`: JSON numbers have no leading zeros, \`+\` or trailing dot; quote it if it is text.`;
    case ParseErrorCode.UnexpectedEndOfString:
      return 'Unterminated string: add the closing `"` on the same line.';
    case ParseErrorCode.UnexpectedEndOfComment:
      return 'Unterminated comment: comments are not JSON, remove it.';
    case ParseErrorCode.UnexpectedEndOfNumber:
      return 'Incomplete number: add digits after the sign, dot or exponent.';
    case ParseErrorCode.InvalidUnicode:
      return 'Invalid `\\u` escape: write four hexadecimal digits, e.g. `\\u00e9`.';
    case ParseErrorCode.InvalidEscapeCharacter:
      return `Invalid escape \`${found}\` in a string: JSON allows \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX.`;
    case ParseErrorCode.InvalidCharacter:
      return 'Control character inside a string: escape it (a line break is `\\n`, a tab `\\t`).';
    default:
      return 'Invalid JSON.';
  }
}
