import { createClerkAuthorizer } from '@clerkship/api-gateway';
import { createSessionToken } from '@clerkship/testing';
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { access } from '../src/lib/access';
import { personas } from '../src/local/personas';
import { useLocalApp } from './harness';

// One session token, two gates: the Next.js app's own API and an API Gateway authorizer in front of
// another service, both trusting the same key and the same role definitions.
const context = useLocalApp();
const issuer = 'https://clerk.clerkship.test';

function event(token: string, routeKey: string): APIGatewayRequestAuthorizerEventV2 {
  const [method, path] = routeKey.split(' ');
  return {
    version: '2.0',
    type: 'REQUEST',
    routeKey,
    routeArn: `arn:aws:execute-api:us-east-1:123456789012:api/$default/${method}${path}`,
    identitySource: [`Bearer ${token}`],
    rawPath: path ?? '/',
    rawQueryString: '',
    cookies: [],
    queryStringParameters: {},
    pathParameters: {},
    stageVariables: {},
    headers: { authorization: `Bearer ${token}` },
    requestContext: { routeKey } as APIGatewayRequestAuthorizerEventV2['requestContext'],
  } as APIGatewayRequestAuthorizerEventV2;
}

describe('the same Clerk token at the app and at API Gateway', () => {
  it('lets Bob (member) through both, and keeps Charlie (viewer) out of a route that needs edit', async () => {
    const authorizer = createClerkAuthorizer({
      type: 'http-v2',
      issuer,
      authorizedParties: ['http://localhost:3000'],
      jwtKey: context.local.keys.jwtKey,
      routes: {
        'GET /tasks': (claims) => access.can(claims, 'org:tasks:view'),
        'POST /tasks': (claims) => access.can(claims, 'org:tasks:edit'),
      },
    });
    const tokenOf = async (key: string) => {
      const persona = personas.find((candidate) => candidate.key === key);
      if (!persona) throw new Error(`no persona ${key}`);
      return createSessionToken(context.local.keys, persona, { issuer });
    };

    const bob = await tokenOf('bob');
    const me = await fetch(`${context.local.app.url}/api/me`, {
      headers: { authorization: `Bearer ${bob}` },
    });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ userId: 'user_local_bob', orgId: 'org_local_acme' });
    expect(await authorizer(event(bob, 'POST /tasks'), {} as never)).toMatchObject({
      isAuthorized: true,
      context: { userId: 'user_local_bob', orgId: 'org_local_acme', orgRole: 'org:member' },
    });

    const charlie = await tokenOf('charlie');
    expect(await authorizer(event(charlie, 'GET /tasks'), {} as never)).toMatchObject({ isAuthorized: true });
    expect(await authorizer(event(charlie, 'POST /tasks'), {} as never)).toMatchObject({
      isAuthorized: false,
    });
  });
});
