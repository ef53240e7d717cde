/**
 * HMAC-SHA256 signers keyed once, returning standard base64 (what Svix puts in `v1,<signature>`).
 * Node's native `crypto.createHmac` costs about a microsecond on a 2 KB body, several times less than
 * Web Crypto in Node or svix's pure-JS SHA-256, so Node uses it; edge runtimes use Web Crypto, their
 * native implementation. Node's module is reached through `process.getBuiltinModule`, so nothing
 * Node-only is imported on the edge.
 */
type NodeCrypto = typeof import('node:crypto');

interface NodeProcess {
  getBuiltinModule?: (name: 'node:crypto') => NodeCrypto | undefined;
}

const nodeCrypto = (globalThis as { process?: NodeProcess }).process?.getBuiltinModule?.('node:crypto');
const encoder = new TextEncoder();

/** Signs `prefix + body` (`${id}.${timestamp}.` and the raw body) and returns base64. */
export type Base64Signer = (prefix: string, body: string) => Promise<string> | string;

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The Web Crypto signer: what edge runtimes use. */
export function createWebCryptoSigner(key: Uint8Array<ArrayBuffer>): Base64Signer {
  const cryptoKey = crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return async (prefix, body) =>
    bytesToBase64(
      new Uint8Array(await crypto.subtle.sign('HMAC', await cryptoKey, encoder.encode(prefix + body))),
    );
}

/** The fastest signer this runtime has: Node's native HMAC, else Web Crypto. */
export function createBase64Signer(key: Uint8Array<ArrayBuffer>): Base64Signer {
  if (!nodeCrypto) return createWebCryptoSigner(key);
  const { createHmac, createSecretKey } = nodeCrypto;
  const keyObject = createSecretKey(key);
  return (prefix, body) => createHmac('sha256', keyObject).update(prefix).update(body).digest('base64');
}

/** Compares two strings in time that depends only on their lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}
