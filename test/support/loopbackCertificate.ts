/**
 * A throwaway self-signed certificate for 127.0.0.1, made by openssl in `dir`, for HTTPS stand-ins on
 * loopback (a TLS failure the client must word, the README images' host of the extension-page run).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export function loopbackCertificate(dir: string): { key: Buffer; cert: Buffer } {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  const args = [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ];
  const openssl = spawnSync('openssl', args, { encoding: 'utf8' });
  if (openssl.status !== 0) throw new Error(`openssl could not make a certificate for 127.0.0.1: ${openssl.error?.message ?? openssl.stderr}`);
  return { key: readFileSync(key), cert: readFileSync(cert) };
}
