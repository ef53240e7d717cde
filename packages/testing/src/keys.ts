import { exportPKCS8, exportSPKI, generateKeyPair, importPKCS8 } from 'jose';
import { TestingError } from './errors';

/**
 * A local RSA key pair that stands in for a Clerk instance's signing key. Plain strings, so it can be
 * written to disk (`JSON.stringify`) and shared between a test runner and the app under test.
 */
export interface TestKeys {
  /** Key id put in each token's header, like Clerk's `ins_...` ids. */
  kid: string;
  /** SPKI PEM public key. Give it to Clerk as `jwtKey` (or `CLERK_JWT_KEY`) for networkless verification. */
  jwtKey: string;
  /** PKCS #8 PEM private key. Test-only: never ship it with an app. */
  privateKeyPem: string;
}

/**
 * Creates an RSA-2048 key pair for signing Clerk session tokens offline.
 *
 * @example
 * const keys = await createTestKeys();
 * clerkMiddleware({ jwtKey: keys.jwtKey });
 */
export async function createTestKeys(): Promise<TestKeys> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', {
    modulusLength: 2048,
    extractable: true,
  });
  const kid = `ins_test_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;
  return { kid, jwtKey: await exportSPKI(publicKey), privateKeyPem: await exportPKCS8(privateKey) };
}

const imported = new Map<string, Promise<CryptoKey>>();

/** The private key as a `CryptoKey`, imported once per PEM. */
export function signingKeyOf(keys: TestKeys): Promise<CryptoKey> {
  if (typeof keys?.privateKeyPem !== 'string' || typeof keys.kid !== 'string') {
    throw new TestingError(
      'invalid_keys',
      'expected keys from createTestKeys() ({ kid, jwtKey, privateKeyPem }). Create them with `await createTestKeys()`.',
    );
  }
  let key = imported.get(keys.privateKeyPem);
  if (!key) {
    key = importPKCS8(keys.privateKeyPem, 'RS256').catch((cause: unknown) => {
      imported.delete(keys.privateKeyPem);
      throw new TestingError(
        'invalid_keys',
        'privateKeyPem is not a PKCS #8 RSA key. Use the keys createTestKeys() returned.',
        { cause },
      );
    });
    imported.set(keys.privateKeyPem, key);
  }
  return key;
}
