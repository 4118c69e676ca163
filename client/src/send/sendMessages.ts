/**
 * What to tell the user after a send: one message per outcome that says what happened and what to
 * do next, plus the one button that helps. Pure (no `vscode` import), unit-tested in plain Node.
 * Regal documents 200 `{"message":"ok"}`, 400 "Bad Request" and 401 "API key missing or invalid"
 * (docs/regal.md §1.1); the other statuses get the generic HTTP meaning.
 */
import type { PostOutcome } from './httpPost';

export type SendOutcomeKind = 'sent' | 'rejected' | 'timeout' | 'network' | 'cancelled';

/** A button offered with the message. */
export type SendAction = 'setApiKey' | 'openEndpointSetting' | 'openTimeoutSetting' | 'showLog';

export interface OutcomeMessage {
  kind: SendOutcomeKind;
  severity: 'information' | 'warning' | 'error';
  message: string;
  actions: SendAction[];
}

export interface OutcomeContext {
  endpoint: URL;
  bytes: number;
  timeoutSeconds: number;
}

const CERTIFICATE_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
]);

/** Regal's own explanation from a response body: `message` (or `error`) of a JSON body, else the text itself, shortened. */
export function regalMessage(body: string): string | undefined {
  const text = body.trim();
  if (!text) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const key of ['message', 'error', 'detail']) {
        const value = (parsed as Record<string, unknown>)[key];
        if (typeof value === 'string' && value.trim()) return shorten(value.trim());
      }
    }
  } catch {
    // Not JSON: show the text.
  }
  return shorten(text.replace(/\s+/g, ' '));
}

function shorten(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function statusLine(status: number, statusText: string): string {
  return statusText ? `${status} ${statusText}` : `${status}`;
}

export function describeOutcome(outcome: PostOutcome, context: OutcomeContext): OutcomeMessage {
  const host = context.endpoint.host;
  switch (outcome.kind) {
    case 'timeout':
      return {
        kind: 'timeout',
        severity: 'error',
        message: `${host} did not answer within ${context.timeoutSeconds} s, so the test event was abandoned (Regal may still have received it). Check your network connection, or raise "regal.send.timeoutSeconds".`,
        actions: ['openTimeoutSetting', 'showLog'],
      };
    case 'cancelled':
      return {
        kind: 'cancelled',
        severity: 'information',
        message: `Test event cancelled after ${outcome.latencyMs} ms. If the request had already left, Regal may still have received it.`,
        actions: ['showLog'],
      };
    case 'network':
      return { kind: 'network', severity: 'error', message: networkMessage(outcome.code, outcome.message, host), actions: ['openEndpointSetting', 'showLog'] };
    case 'response':
      return responseMessage(outcome, context);
  }
}

/** PostOutcome code of a fetch that failed in a browser without saying why (client/src/web/fetchPost.ts). */
export const BROWSER_BLOCKED_CODE = 'BROWSER_BLOCKED';

function networkMessage(code: string | undefined, detail: string, host: string): string {
  // The browser reports a CORS refusal and an unreachable host alike; both are possible, CORS the likelier for a server API.
  if (code === BROWSER_BLOCKED_CODE) {
    return `Could not send the test event to ${host} from the browser: the request was blocked or did not get through. In vscode.dev and github.dev a test event is a cross-origin request, which the browser sends only if ${host} allows it (CORS); Regal's events API may not allow it. Send from desktop VS Code, or check your connection.`;
  }
  if (code === 'ECONNREFUSED')
    return `Could not connect to ${host}: the connection was refused. Check "regal.endpoint" (is the host and port right, is the server running?).`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `Could not find the host ${host} (DNS lookup failed). Check your network connection and the "regal.endpoint" setting.`;
  if (code === 'ECONNRESET' || code === 'EPIPE')
    return `The connection to ${host} was closed before Regal answered. Check your network or proxy, then send again.`;
  if (code === 'ETIMEDOUT' || code === 'ENETUNREACH' || code === 'EHOSTUNREACH')
    return `Could not reach ${host} (${code}). Check your network connection, VPN or proxy settings.`;
  if (code && CERTIFICATE_CODES.has(code))
    return `The TLS certificate of ${host} is not trusted (${code}). Check that "regal.endpoint" is Regal's address; behind a TLS-inspecting proxy, ask your administrator to install its certificate.`;
  return `Could not send the test event to ${host}: ${code ? `${code}: ` : ''}${detail}. Check your network connection and the "regal.endpoint" setting.`;
}

function responseMessage(outcome: Extract<PostOutcome, { kind: 'response' }>, context: OutcomeContext): OutcomeMessage {
  const { status } = outcome;
  const line = statusLine(status, outcome.statusText);
  const said = regalMessage(outcome.body);
  const saying = said ? ` Regal says: "${said}".` : '';
  const timing = `in ${outcome.latencyMs} ms`;
  if (status >= 200 && status < 300) {
    return { kind: 'sent', severity: 'information', message: `Regal accepted the test event: ${line} ${timing}.`, actions: ['showLog'] };
  }
  const rejected = (severity: OutcomeMessage['severity'], message: string, actions: SendAction[]): OutcomeMessage => ({
    kind: 'rejected',
    severity,
    message,
    actions: [...actions, 'showLog'],
  });
  if (status >= 300 && status < 400) {
    const where = outcome.location ? `redirecting to ${shorten(outcome.location)}` : 'redirecting elsewhere';
    return rejected(
      'error',
      `Regal answered ${line}, ${where}. Test events never follow redirects, so your API key is not sent there: if Regal's address changed, put the new one in "regal.endpoint".`,
      ['openEndpointSetting'],
    );
  }
  if (status === 400)
    return rejected(
      'error',
      `Regal rejected the payload (${line}).${saying} Check the payload against Regal's event fields and fix the problems the editor shows.`,
      [],
    );
  if (status === 401 || status === 403)
    return rejected(
      'error',
      `Regal refused the API key (${line}).${saying} The key is missing, mistyped or revoked: set the right one with "Regal: Set API Key".`,
      ['setApiKey'],
    );
  if (status === 404)
    return rejected(
      'error',
      `Nothing at ${context.endpoint.href} (${line}). Check the "regal.endpoint" setting; Regal's is https://events.regalvoice.com/events.`,
      ['openEndpointSetting'],
    );
  if (status === 413) return rejected('error', `The payload is too large for Regal (${line}, ${context.bytes} bytes). Send fewer or shorter properties.`, []);
  if (status === 429) return rejected('warning', `Regal is rate limiting requests (${line}). Wait a moment, then send again.`, []);
  if (status >= 500) return rejected('warning', `Regal had a problem on its side (${line}).${saying} This is not caused by the payload; try again later.`, []);
  return rejected('error', `Regal answered ${line}.${saying} See the response and the "Regal Webhooks" output for details.`, []);
}
