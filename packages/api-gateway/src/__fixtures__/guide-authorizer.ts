import jwt from 'jsonwebtoken';

// The Lambda authorizer of Clerk's guide "How to secure API Gateway using JWT and Lambda Authorizers with
// Clerk", kept as the guide wrote it (promisified instead of the callback), for the cache-leak tests and
// the benchmark baseline. Do not use it: it checks no issuer or azp and crashes on a missing header.

type Effect = 'Allow' | 'Deny';

function generatePolicy(metadata: unknown, principalId: string, effect: Effect, resource: string) {
  const authResponse: Record<string, unknown> = {
    principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
    },
  };
  if (metadata) authResponse.context = metadata;
  return authResponse;
}

/** The guide's handler for a PEM key; `resource` lets a test swap the guide's methodArn for a wildcard. */
export function createGuideAuthorizer(
  publicKey: string,
  resource: (methodArn: string) => string = (methodArn) => methodArn,
) {
  return async function handler(event: { authorizationToken: string; methodArn: string }) {
    const token = event.authorizationToken.split(' ')[1] as string;
    const claims = jwt.verify(token, publicKey) as { sub: string; metadata: { role?: string } };
    if (claims.metadata.role === 'admin') {
      return generatePolicy(claims.metadata, claims.sub, 'Allow', resource(event.methodArn));
    }
    return generatePolicy(null, claims.sub, 'Deny', resource(event.methodArn));
  };
}
