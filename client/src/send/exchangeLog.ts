/**
 * The text one send writes to the "Regal Webhooks" output channel: request line, headers with the
 * Authorization value redacted, the body, and how it ended. Pure (no `vscode` import), unit-tested.
 *
 * Bodies are capped (the response document shows up to 1 MB; the log only needs enough to debug),
 * so one odd answer from a misconfigured endpoint does not flood the output channel.
 */
import type { PostOutcome } from './httpPost';
import { formatHeadersForLog, redactSecret } from '../../../server/src/security/redact';

export const LOG_BODY_LIMIT = 64 * 1024;

export interface Exchange {
  time: string;
  url: URL;
  headers: Record<string, string>;
  payload: string;
  source: string;
  outcome: PostOutcome;
}

function capped(text: string, what: string): string {
  if (text.length <= LOG_BODY_LIMIT) return text;
  return `${text.slice(0, LOG_BODY_LIMIT)}\n… (${what} cut after ${LOG_BODY_LIMIT / 1024} KB of ${text.length} characters)`;
}

/** The log entry for `exchange`, with every occurrence of `key` redacted. */
export function formatExchange(exchange: Exchange, key: string | undefined): string {
  const { time, url, headers, payload, source, outcome } = exchange;
  const lines = [
    `[${time}] POST ${url.href} (from ${source})`,
    ...formatHeadersForLog({ ...headers, 'Content-Length': new TextEncoder().encode(payload).length }),
    '',
    capped(payload, 'payload'),
    '',
  ];
  switch (outcome.kind) {
    case 'response':
      lines.push(
        `← ${outcome.status} ${outcome.statusText} in ${outcome.latencyMs} ms${outcome.contentType ? ` (${outcome.contentType})` : ''}${outcome.location ? ` → Location: ${outcome.location} (not followed)` : ''}`,
        capped(outcome.body, outcome.truncated ? 'response, itself cut at 1 MB,' : 'response'),
      );
      break;
    case 'network':
      lines.push(`← no response after ${outcome.latencyMs} ms: ${outcome.code ?? 'error'}: ${outcome.message}`);
      break;
    default:
      lines.push(`← no response: ${outcome.kind} after ${outcome.latencyMs} ms`);
  }
  return redactSecret(`${lines.join('\n')}\n`, key);
}
