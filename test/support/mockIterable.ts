/**
 * A stand-in for Iterable's API on loopback, for the unit, CLI and VS Code tests: a real HTTP server
 * answering the three endpoints the extension calls in the shapes Iterable documents and was recorded
 * answering (docs/iterable.md §5.5), and each failure the client must word: 401, 403, 404, 429 with
 * Retry-After, 5xx, a hang (timeout), a dropped connection, an answer too large, an answer that is not
 * JSON, and an error body that echoes the key.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export const MOCK_ITERABLE_KEY = 'itbl0123456789abcdef0123456789ab';

/** A subset of a `getFields` answer recorded from Iterable (docs/iterable.md §5.5). */
export const RECORDED_FIELDS: Record<string, string> = {
  email: 'string',
  userId: 'string',
  phoneNumber: 'string',
  signupDate: 'date',
  profileUpdatedAt: 'date',
  'Lifetime Value': 'double',
  'defaultAddress.zipcode': 'string',
  defaultAddress: 'object',
  emailListIds: 'long',
  'phoneNumberDetails.lineType': 'string',
};

export const MOCK_USER = {
  email: 'ada@example.com',
  userId: 'u-1001',
  dataFields: {
    email: 'ada@example.com',
    userId: 'u-1001',
    firstName: 'Ada',
    lastName: 'Lovelace',
    phoneNumber: '+16505551234',
    signupDate: '2024-03-01 09:30:00 +00:00',
    voice_optin_subscribed: true,
  },
};

export const MOCK_EVENTS = [
  {
    createdAt: '2024-05-01 10:00:00 +00:00',
    eventName: 'Application Step 1 Completed',
    eventType: 'customEvent',
    email: 'ada@example.com',
    dataFields: { educationalLevel: "Bachelor's", preferredSubject: 'Maths' },
  },
  {
    createdAt: '2024-06-02 11:00:00 +00:00',
    eventName: 'Application Step 1 Completed',
    eventType: 'customEvent',
    email: 'ada@example.com',
    dataFields: { educationalLevel: "Master's", preferredSubject: 'Engines' },
  },
  { createdAt: '2024-06-03 12:00:00 +00:00', eventName: 'emailOpen', eventType: 'emailOpen', email: 'ada@example.com', campaignId: 42 },
];

export type MockFailure =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'drop' }
  | { kind: 'huge'; bytes: number }
  | { kind: 'notJson' }
  | { kind: 'echoKey'; status: number };

export interface RecordedRequest {
  method: string;
  url: string;
  apiKey: string | undefined;
}

export class MockIterable {
  readonly requests: RecordedRequest[] = [];
  fields: Record<string, unknown> = { ...RECORDED_FIELDS };
  users: { email: string; userId?: string; dataFields: Record<string, unknown> }[] = [structuredClone(MOCK_USER)];
  events: Record<string, unknown[]> = { 'ada@example.com': structuredClone(MOCK_EVENTS) };
  /** Failures served before normal answers, in order, for requests whose path starts with the key ('' = any). */
  private readonly failures: { prefix: string; failure: MockFailure }[] = [];
  private readonly server = http.createServer((req, res) => this.answer(req, res));
  private readonly hanging = new Set<http.ServerResponse>();
  /** Resolves each waiter when a request arrives (tests wait on this instead of sleeping). */
  private waiters: (() => void)[] = [];

  constructor(readonly key = MOCK_ITERABLE_KEY) {}

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this.baseUrl;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next request under `prefix` fails this way (queue several for several requests). */
  failNext(failure: MockFailure, prefix = ''): void {
    this.failures.push({ prefix, failure });
  }

  clearFailures(): void {
    this.failures.length = 0;
  }

  nextRequest(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://mock');
    const apiKey = req.headers['api-key'];
    this.requests.push({ method: req.method ?? '', url: url.pathname + url.search, apiKey: typeof apiKey === 'string' ? apiKey : undefined });
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();

    const index = this.failures.findIndex((entry) => url.pathname.startsWith(entry.prefix));
    if (index !== -1) {
      const [entry] = this.failures.splice(index, 1);
      if (entry) return this.fail(entry.failure, res);
    }
    if (apiKey !== this.key) return json(res, 401, { msg: 'Invalid API key', code: 'BadApiKey', params: null });
    if (req.method !== 'GET') return json(res, 405, { msg: 'Method not allowed', code: 'GenericError', params: null });

    const path = decodeURIComponent(url.pathname);
    if (path === '/api/users/getFields') return json(res, 200, { fields: this.fields });
    const byUserId = /^\/api\/users\/byUserId\/(.+)$/.exec(path);
    if (byUserId)
      return this.user(
        res,
        this.users.find((u) => u.userId === byUserId[1]),
      );
    const eventsByUserId = /^\/api\/events\/byUserId\/(.+)$/.exec(path);
    if (eventsByUserId) return this.eventsOf(res, this.users.find((u) => u.userId === eventsByUserId[1])?.email, url);
    const events = /^\/api\/events\/(.+)$/.exec(path);
    if (events) return this.eventsOf(res, events[1], url);
    const byEmail = /^\/api\/users\/(.+)$/.exec(path);
    // Iterable answers an unknown email with 200 and {} (recorded).
    if (byEmail)
      return this.user(
        res,
        this.users.find((u) => u.email === byEmail[1]),
      );
    return json(res, 404, { msg: `No route ${path}`, code: 'NotFound', params: null });
  }

  private user(res: http.ServerResponse, user: MockIterable['users'][number] | undefined): void {
    if (!user) return json(res, 200, {});
    json(res, 200, { user });
  }

  private eventsOf(res: http.ServerResponse, email: string | undefined, url: URL): void {
    const limit = Math.min(200, Number(url.searchParams.get('limit') ?? 30));
    json(res, 200, { events: (email ? (this.events[email] ?? []) : []).slice(0, limit) });
  }

  private fail(failure: MockFailure, res: http.ServerResponse): void {
    switch (failure.kind) {
      case 'status':
        res.writeHead(failure.status, { 'Content-Type': 'application/json', ...failure.headers });
        res.end(failure.body ?? JSON.stringify({ msg: http.STATUS_CODES[failure.status] ?? '', code: 'GenericError', params: null }));
        return;
      case 'hang':
        this.hanging.add(res);
        return;
      case 'drop':
        res.socket?.destroy();
        return;
      case 'huge':
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(`{"fields": {"a": "${'x'.repeat(failure.bytes)}"}}`);
        return;
      case 'notJson':
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<html><body>Maintenance</body></html>');
        return;
      case 'echoKey': {
        const key = this.key;
        const msg = `Invalid key ${key} (${Buffer.from(key).toString('base64')}, ${encodeURIComponent(key)}, &quot;${key}&quot;)`;
        json(res, failure.status, { msg, code: 'BadApiKey', params: null });
        return;
      }
    }
  }
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
