/**
 * The "Regal Webhooks" output channel. Every line goes through `write`, which redacts the API key
 * first, and is also kept in a bounded transcript so the real-VS-Code tests can check what the
 * channel received (VS Code offers no API to read an output channel back).
 */
import * as vscode from 'vscode';
import { redactSecret } from '../../../server/src/security/redact';

const TRANSCRIPT_LIMIT = 256 * 1024;

export class SendLog implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Regal Webhooks');
  private transcriptText = '';

  /** Appends `text` (and a line break) with every occurrence of `secret` replaced by `<redacted>`. */
  write(text: string, secret: string | undefined): void {
    const safe = `${redactSecret(text, secret)}\n`;
    this.channel.append(safe);
    this.transcriptText = (this.transcriptText + safe).slice(-TRANSCRIPT_LIMIT);
  }

  show(): void {
    this.channel.show(true);
  }

  /** Exactly what was appended to the channel in this session (the last 256 KB). */
  transcript(): string {
    return this.transcriptText;
  }

  dispose(): void {
    this.channel.dispose();
  }
}
