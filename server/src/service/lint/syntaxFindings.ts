/**
 * Turns jsonc-parser's errors on a JSON view into findings: comments and trailing commas get their
 * own codes (Regal's own examples contain both), everything else is `invalid-json` with a message
 * that says what to write. Only the first error of a line is kept: the rest are its echoes. A
 * missing comma between two complete members carries where the comma goes (`data.insertComma`),
 * for its quick fix.
 */
import type { InvalidJsonData } from '../rules/invalidJson';
import { ParseErrorCode, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Finding } from '../diagnosticCodes';
import { missingCommaPlace } from '../json/missingComma';
import type { TemplateIndex } from '../template/templateIndex';
import { lineLookup } from '../util/lineIndex';
import { quoted } from '../util/plainText';

/** Past this many, further syntax errors of a garbled file add nothing for the reader. */
const MAX_FINDINGS = 200;

/**
 * `source` is the template itself, quoted in messages; offsets are the same in both texts. `root`
 * is the view's error-tolerant tree: with the template's tags and blocks, it tells where a missing comma goes.
 */
export function syntaxFindings(viewText: string, errors: readonly ParseError[], source = viewText, root?: Node, template?: TemplateIndex): Finding[] {
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
          message: 'Trailing comma: remove it. JSON allows no comma before } or ], so Regal rejects the body.',
          data: { offset: comma },
        });
      }
      continue;
    }
    const line = lineOf(error.offset);
    if (line === lastLineReported || findings.length >= MAX_FINDINGS) continue;
    lastLineReported = line;
    const data: InvalidJsonData = { parseError: printParseErrorCode(error.error) };
    if (error.error === ParseErrorCode.CommaExpected) {
      const insertComma = template && missingCommaPlace(viewText, root, error.offset, template);
      if (insertComma !== undefined) data.insertComma = insertComma;
    }
    findings.push({
      code: 'invalid-json',
      start: error.offset,
      end: error.offset + error.length,
      message: invalidJsonMessage(viewText, source, error),
      data,
    });
  }
  return findings;
}

function commentFinding(source: string, error: ParseError): Finding {
  const comment = source.slice(error.offset, error.offset + error.length);
  return {
    code: 'comment',
    start: error.offset,
    end: error.offset + error.length,
    message: 'Comment in the JSON: remove it. JSON has no comments, and Iterable sends the body as written, so Regal receives invalid JSON.',
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
  const found = quoted(source.slice(error.offset, error.offset + Math.min(error.length, 20)));
  switch (error.error) {
    case ParseErrorCode.ValueExpected:
      if (viewText.trim() === '') return 'Empty payload: write a JSON object such as { "traits": { "phone": "{{phoneNumber}}" } }. Regal expects one object.';
      return 'Value expected: write a string in double quotes, a number, true, false, null, an object or an array.';
    case ParseErrorCode.PropertyNameExpected:
      return 'Property name expected: write the key in double quotes, such as "phone".';
    case ParseErrorCode.ColonExpected:
      return 'Colon expected: write : between the property name and its value.';
    case ParseErrorCode.CommaExpected:
      return 'Missing comma: write , between two properties or array items.';
    case ParseErrorCode.CloseBraceExpected:
      return 'Unclosed object: write } to close it, or , before the next property.';
    case ParseErrorCode.CloseBracketExpected:
      return 'Unclosed array: write ] to close it, or , before the next item.';
    case ParseErrorCode.EndOfFileExpected:
      return 'Content after the JSON object: remove it. The body must be exactly one object.';
    case ParseErrorCode.InvalidSymbol:
      return `Unexpected ${found}: put text in double quotes and Handlebars inside {{ }}. This is not valid JSON.`;
    case ParseErrorCode.InvalidNumberFormat:
      return `Invalid number ${found}: drop leading zeros, a + sign or a trailing dot, or quote it if it is text. JSON numbers allow none of them.`;
    case ParseErrorCode.UnexpectedEndOfString:
      return 'Unterminated string: add the closing " on the same line.';
    case ParseErrorCode.UnexpectedEndOfComment:
      return 'Unterminated comment: remove it. Comments are not JSON.';
    case ParseErrorCode.UnexpectedEndOfNumber:
      return 'Incomplete number: add digits after the sign, dot or exponent.';
    case ParseErrorCode.InvalidUnicode:
      return 'Invalid \\u escape: write four hexadecimal digits, such as \\u00e9.';
    case ParseErrorCode.InvalidEscapeCharacter:
      return `Invalid escape ${found} in a string: use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX, the escapes JSON allows.`;
    case ParseErrorCode.InvalidCharacter:
      return 'Control character inside a string: escape it (a line break is \\n, a tab \\t).';
    default:
      return 'Invalid JSON: correct the syntax here.';
  }
}
