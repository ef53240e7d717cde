import type * as NodeCrypto from 'node:crypto';

/** A compact JWS whose RS256 signature matched: its header and payload, decoded but not yet validated. */
export interface VerifiedJws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/** Why a token failed before its claims were read. */
export type JwsFault = 'malformed' | 'algorithm' | 'signature';

export class JwsError extends Error {
  constructor(
    readonly fault: JwsFault,
    message: string,
  ) {
    super(message);
  }
}

/** `node:crypto` when the runtime has it (Node ≥ 22.3, Bun, Deno), without a static import edge bundlers would follow. */
function nodeCrypto(): typeof NodeCrypto | undefined {
  // Edge runtimes (Vercel Edge, Next middleware, @edge-runtime/vm) verify with Web Crypto, even where
  // the host's `process` shows through.
  if (typeof (globalThis as { EdgeRuntime?: unknown }).EdgeRuntime === 'string') return undefined;
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    return runtime?.getBuiltinModule?.('node:crypto') as typeof NodeCrypto | undefined;
  } catch {
    return undefined;
  }
}

function decodeObject(part: string | undefined, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
  } catch {
    throw new JwsError('malformed', `its ${what} is not base64url JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JwsError('malformed', `its ${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

/**
 * RS256 verification with Node's synchronous `crypto.verify` on a `KeyObject` made once per key. Web
 * Crypto's `verify` (what `jose` uses everywhere) is asynchronous: each call hops to the thread pool and
 * waits for a free core, which costs more than the RSA check on a busy Lambda. Off Node this is
 * `undefined` and the caller verifies with `jose`.
 */
export function createNodeRs256(): ((token: string, key: CryptoKey) => VerifiedJws) | undefined {
  const crypto = nodeCrypto();
  if (!crypto?.KeyObject?.from || typeof crypto.verify !== 'function') return undefined;
  const keyObjects = new WeakMap<CryptoKey, NodeCrypto.KeyObject>();

  return (token, key) => {
    const parts = token.split('.');
    if (parts.length !== 3 || parts.some((part) => /[^\w-]/.test(part))) {
      throw new JwsError('malformed', 'it is not a compact JWS (three base64url parts)');
    }
    const [encodedHeader = '', encodedPayload = '', encodedSignature = ''] = parts;
    const header = decodeObject(encodedHeader, 'header');
    // Before anything else about the token: `alg: none` (an empty signature) is refused for its alg.
    if (header.alg !== 'RS256') {
      throw new JwsError('algorithm', `its alg ${JSON.stringify(header.alg ?? null)} is not RS256`);
    }
    if (encodedPayload === '' || encodedSignature === '') {
      throw new JwsError('malformed', 'it is not a compact JWS (an empty payload or signature)');
    }
    // Extensions the token says must be understood: Clerk sends none, and none is understood here.
    if (header.crit !== undefined || header.b64 !== undefined) {
      throw new JwsError('malformed', 'it carries JWS extensions (crit, b64) Clerk never sends');
    }
    let keyObject = keyObjects.get(key);
    if (!keyObject) {
      // What Web Crypto and jose would refuse to verify with: the caller reports it as a key fault.
      const { name, modulusLength } = key.algorithm as RsaHashedKeyAlgorithm;
      if (key.type !== 'public' || !key.usages.includes('verify') || name !== 'RSASSA-PKCS1-v1_5') {
        throw new TypeError('the key is not an RS256 public key for verifying');
      }
      if (!(modulusLength >= 2048)) throw new TypeError('RS256 keys must be 2048 bits or larger');
      keyObject = crypto.KeyObject.from(key);
      keyObjects.set(key, keyObject);
    }
    const signed = crypto.verify(
      'sha256',
      Buffer.from(`${encodedHeader}.${encodedPayload}`, 'ascii'),
      keyObject,
      Buffer.from(encodedSignature, 'base64url'),
    );
    if (!signed) throw new JwsError('signature', 'its signature does not match the key');
    return { header, payload: decodeObject(encodedPayload, 'payload') };
  };
}
