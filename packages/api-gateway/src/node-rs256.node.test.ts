import { importSPKI } from 'jose';
import { describe, expect, it } from 'vitest';
import { instance } from './__fixtures__/clerk';
import { tokenFor, unsignedToken } from './__fixtures__/tokens';
import { createNodeRs256, JwsError } from './node-rs256';

// Node only (vitest.config.ts): the path the edge runtime never takes.
describe('the synchronous RS256 path on Node', () => {
  const verify = createNodeRs256() as NonNullable<ReturnType<typeof createNodeRs256>>;
  const keyPromise = importSPKI(instance.keys.jwtKey, 'RS256');

  const faultOf = async (token: string, key?: CryptoKey) => {
    try {
      verify(token, key ?? (await keyPromise));
      return 'accepted';
    } catch (error) {
      return error instanceof JwsError ? error.fault : 'key';
    }
  };

  it('accepts a token of the instance and returns its header and payload', async () => {
    const { header, payload } = verify(await tokenFor(), await keyPromise);
    expect(header).toMatchObject({ alg: 'RS256' });
    expect(payload).toMatchObject({ iss: instance.issuer, sub: expect.any(String) });
  });

  it('refuses alg: none for its alg, a changed payload for its signature, junk as malformed', async () => {
    expect(await faultOf(unsignedToken())).toBe('algorithm');
    const [header, payload, signature] = (await tokenFor()).split('.');
    const changed = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()),
        sub: 'user_admin',
      }),
    ).toString('base64url');
    expect(await faultOf(`${header}.${changed}.${signature}`)).toBe('signature');
    for (const junk of [
      '',
      'a.b',
      'a.b.c.d',
      `${header}.${payload}.`,
      `${header}.${payload}.s!g`,
      '!!.e30.e30',
    ]) {
      expect(await faultOf(junk)).toBe('malformed');
    }
  });

  it('will not verify with a key Web Crypto would refuse (wrong usage)', async () => {
    const jwk = await crypto.subtle.exportKey('jwk', await keyPromise);
    const encryptOnly = await crypto.subtle.importKey(
      'jwk',
      { ...jwk, key_ops: ['encrypt'], alg: 'RSA-OAEP-256' },
      { name: 'RSA-OAEP', hash: 'SHA-256' },
      true,
      ['encrypt'],
    );
    expect(await faultOf(await tokenFor(), encryptOnly)).toBe('key');
  });
});
