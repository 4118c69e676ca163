/**
 * The language server as the extension's features reach it: started once, by the first payload
 * document or the first request a feature makes, whichever comes first; and the extension's own
 * requests (server/src/protocol/contract.ts), typed. The server holds the language service, so the
 * client does not bundle it a second time.
 */
import type { ExtensionContext } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  CHECK_REQUEST,
  LOOKS_LIKE_PAYLOAD_REQUEST,
  type CheckParams,
  type CheckResult,
  MERGE_FIELDS_USED_REQUEST,
  type LooksLikePayloadParams,
  type LooksLikePayloadResult,
  type MergeFieldsUsedParams,
  type MergeFieldsUsedResult,
} from '../../../server/src/protocol/contract';

export class RegalServer {
  private starting: Promise<BaseLanguageClient> | undefined;

  /** `startClient`: over IPC to a Node process on the desktop (startLanguageClient.ts), to a web worker in a browser (web/startBrowserLanguageClient.ts). */
  constructor(
    private readonly context: ExtensionContext,
    private readonly startClient: (context: ExtensionContext) => Promise<BaseLanguageClient>,
  ) {}

  /** The running client; the first call starts the server. */
  start(): Promise<BaseLanguageClient> {
    this.starting ??= this.startClient(this.context);
    return this.starting;
  }

  /** Whether a JSON text reads as a Regal payload (for a plain JSON file, which the server does not otherwise see). */
  looksLikePayload(params: LooksLikePayloadParams): Promise<LooksLikePayloadResult> {
    return this.request(LOOKS_LIKE_PAYLOAD_REQUEST, params);
  }

  /** The merge fields a payload's text reads, typed from its folder's catalog. */
  mergeFieldsUsed(params: MergeFieldsUsedParams): Promise<MergeFieldsUsedResult> {
    return this.request(MERGE_FIELDS_USED_REQUEST, params);
  }

  /** The errors of an open payload now (Send's preflight), not after the debounced validation. */
  check(params: CheckParams): Promise<CheckResult> {
    return this.request(CHECK_REQUEST, params);
  }

  private async request<R>(method: string, params: object): Promise<R> {
    const client = await this.start();
    return client.sendRequest<R>(method, params);
  }

  async stop(): Promise<void> {
    const starting = this.starting;
    this.starting = undefined;
    const client = await starting?.catch(() => undefined);
    await client?.stop();
  }
}
