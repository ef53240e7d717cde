import { describe, expect, it } from 'vitest';
import { bob, instance } from './__fixtures__/clerk';
import { tokenFor, unsignedToken } from './__fixtures__/tokens';
import { checkJwtAuthorizerToken } from './jwt-authorizer-check';

const authorizer = { issuer: instance.issuer, audience: 'ClerkJwtAuthorizer' };

describe("would the HTTP API JWT authorizer (the guide's no-code path) accept this token?", () => {
  it('a token from the template with aud passes', async () => {
    const token = await tokenFor({ ...bob, claims: { aud: 'ClerkJwtAuthorizer' } });
    expect(checkJwtAuthorizerToken(token, authorizer)).toEqual({ passes: true, problems: [] });
    expect(checkJwtAuthorizerToken(`Bearer ${token}`, authorizer).passes).toBe(true);
  });

  it("Clerk's default token has no aud: refused, with the template to add", async () => {
    const check = checkJwtAuthorizerToken(await tokenFor(bob), authorizer);
    expect(check.passes).toBe(false);
    expect(check.problems.map((problem) => problem.code)).toEqual(['missing_audience']);
    expect(JSON.parse(check.sessionTokenTemplate ?? '')).toEqual({ aud: 'ClerkJwtAuthorizer' });
  });

  it('another aud, another issuer, a trailing slash on the Issuer URL', async () => {
    const token = await tokenFor({ ...bob, claims: { aud: 'Other' } });
    expect(checkJwtAuthorizerToken(token, authorizer).problems.map((problem) => problem.code)).toEqual([
      'audience_mismatch',
    ]);
    const slash = checkJwtAuthorizerToken(token, { issuer: `${instance.issuer}/`, audience: ['Other'] });
    expect(slash.problems.map((problem) => problem.code)).toEqual(['issuer_mismatch']);
  });

  it('expired, not yet valid, alg none without kid, and not a JWT', async () => {
    const old = await tokenFor(
      { ...bob, claims: { aud: 'ClerkJwtAuthorizer' } },
      { issuedAt: new Date(Date.now() - 3_600_000) },
    );
    expect(checkJwtAuthorizerToken(old, authorizer).problems.map((problem) => problem.code)).toEqual([
      'expired',
    ]);
    const future = await tokenFor(
      { ...bob, claims: { aud: 'ClerkJwtAuthorizer' } },
      { issuedAt: new Date(Date.now() + 600_000) },
    );
    expect(checkJwtAuthorizerToken(future, authorizer).problems.map((problem) => problem.code)).toEqual([
      'not_yet_valid',
    ]);
    expect(
      checkJwtAuthorizerToken(unsignedToken(), authorizer).problems.map((problem) => problem.code),
    ).toEqual(['unsupported_algorithm', 'missing_kid', 'missing_audience']);
    expect(checkJwtAuthorizerToken('nope', authorizer).problems.map((problem) => problem.code)).toEqual([
      'malformed_token',
    ]);
  });
});
