/**
 * HMAC-SHA256, keyed once. Node's native `crypto.createHmac` costs about a microsecond on a 2 KB body,
 * several times less than Web Crypto in Node or a pure-JS SHA-256, so Node uses it; edge runtimes use
 * Web Crypto, their native implementation. Node's module is reached through `process.getBuiltinModule`,
 * so nothing Node-only is imported on the edge. Used by the Svix verifier (base64) and the Ably JWT
 * signer (base64url); both are tested byte for byte against `svix` and `jose`.
 */
type NodeCrypto = typeof import('node:crypto');
type NodeBuffer = typeof import('node:buffer').Buffer;

interface NodeProcess {
  getBuiltinModule?: (name: 'node:crypto') => NodeCrypto | undefined;
}

const nodeCrypto = (globalThis as { process?: NodeProcess }).process?.getBuiltinModule?.('node:crypto');
const NodeBufferClass = (globalThis as { Buffer?: NodeBuffer }).Buffer;
const encoder = new TextEncoder();

/** How a signature is written: standard base64 (Svix) or base64url without padding (JWS). */
export type HmacEncoding = 'base64' | 'base64url';

/** Signs the concatenation of `parts` (fed one by one, never joined in Node). */
export type HmacSigner = (...parts: string[]) => Promise<string> | string;

function encode(bytes: Uint8Array, encoding: HmacEncoding): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  const base64 = btoa(binary);
  return encoding === 'base64' ? base64 : base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function keyBytes(key: Uint8Array<ArrayBuffer> | string): Uint8Array<ArrayBuffer> {
  return typeof key === 'string' ? encoder.encode(key) : key;
}

/** The Web Crypto signer: what edge runtimes use (exported so tests compare it with the Node one). */
export function createWebCryptoHmacSha256(
  key: Uint8Array<ArrayBuffer> | string,
  encoding: HmacEncoding,
): HmacSigner {
  const cryptoKey = crypto.subtle.importKey('raw', keyBytes(key), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return async (...parts) =>
    encode(
      new Uint8Array(await crypto.subtle.sign('HMAC', await cryptoKey, encoder.encode(parts.join('')))),
      encoding,
    );
}

/** The fastest HMAC-SHA256 signer this runtime has: Node's native HMAC, else Web Crypto. */
export function createHmacSha256(key: Uint8Array<ArrayBuffer> | string, encoding: HmacEncoding): HmacSigner {
  if (!nodeCrypto) return createWebCryptoHmacSha256(key, encoding);
  const { createHmac, createSecretKey } = nodeCrypto;
  const keyObject = createSecretKey(keyBytes(key));
  return (...parts) => {
    const hmac = createHmac('sha256', keyObject);
    for (const part of parts) hmac.update(part);
    return hmac.digest(encoding);
  };
}

/** Base64url (no padding) of a UTF-8 string: Node's Buffer where there is one, else portable code. */
export const base64UrlOf: (text: string) => string = NodeBufferClass
  ? (text) => NodeBufferClass.from(text, 'utf8').toString('base64url')
  : (text) => encode(encoder.encode(text), 'base64url');

/** Compares two strings in time that depends only on their lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}
