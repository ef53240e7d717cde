/**
 * HMAC-SHA256 signers, keyed once. Node's native `crypto.createHmac` costs a few microseconds per
 * token; Web Crypto in Node costs far more per call, so it is only the fallback for edge runtimes,
 * where it is the native implementation. Node's module is reached through `process.getBuiltinModule`
 * so that nothing Node-only is imported on the edge.
 */
type NodeCrypto = typeof import('node:crypto');
type NodeBuffer = typeof import('node:buffer').Buffer;

interface NodeProcess {
  getBuiltinModule?: (name: 'node:crypto') => NodeCrypto | undefined;
}

const nodeCrypto = (globalThis as { process?: NodeProcess }).process?.getBuiltinModule?.('node:crypto');
const NodeBufferClass = (globalThis as { Buffer?: NodeBuffer }).Buffer;
const encoder = new TextEncoder();

function bytesToBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Base64url (no padding) of a UTF-8 string, without Node's Buffer. */
export function portableBase64UrlOf(text: string): string {
  return bytesToBase64Url(encoder.encode(text));
}

/** Base64url (no padding) of a UTF-8 string. */
export const base64UrlOf: (text: string) => string = NodeBufferClass
  ? (text) => NodeBufferClass.from(text, 'utf8').toString('base64url')
  : portableBase64UrlOf;

/** Signs `data` and returns the base64url signature. */
export type Signer = (data: string) => Promise<string> | string;

/** The Web Crypto signer: what edge runtimes use. */
export function createWebCryptoSigner(secret: string): Signer {
  const key = crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return async (data) =>
    bytesToBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', await key, encoder.encode(data))));
}

/** The fastest signer this runtime has: Node's native HMAC, else Web Crypto. */
export function createHmacSigner(secret: string): Signer {
  if (!nodeCrypto) return createWebCryptoSigner(secret);
  const { createHmac, createSecretKey } = nodeCrypto;
  const key = createSecretKey(encoder.encode(secret));
  return (data) => createHmac('sha256', key).update(data).digest('base64url');
}
