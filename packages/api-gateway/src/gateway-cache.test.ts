import { describe, expect, it } from 'vitest';
import { access } from './__fixtures__/access';
import { alice, bob, instance } from './__fixtures__/clerk';
import { createGatewaySimulator } from './__fixtures__/gateway-simulator';
import { createGuideAuthorizer } from './__fixtures__/guide-authorizer';
import { tokenFor } from './__fixtures__/tokens';
import type { AuthorizerType } from './authorizer-options';
import { createClerkAuthorizer } from './create-clerk-authorizer';

const tasks = { method: 'GET', route: '/tasks' };
const report = { method: 'GET', route: '/reports/{id}', path: '/reports/42' };
const trusted = {
  issuer: instance.issuer,
  authorizedParties: [instance.authorizedParty],
  jwtKey: instance.keys.jwtKey,
};
const routes = {
  'GET /tasks': (claims: object) => access.can(claims as never, 'org:tasks:view'),
  'GET /reports/{id}': (claims: object) => access.can(claims as never, 'org:reports:read'),
};

// Everyone calls both routes within one TTL, in both orders, with one token each.
async function callBothOrders(
  gatewayFor: () => ReturnType<typeof createGatewaySimulator>,
  authorization: string,
) {
  const tasksFirst = gatewayFor();
  const reportFirst = gatewayFor();
  return {
    tasksThenReport: [
      (await tasksFirst.call(authorization, tasks)).status,
      (await tasksFirst.call(authorization, report)).status,
    ],
    reportThenTasks: [
      (await reportFirst.call(authorization, report)).status,
      (await reportFirst.call(authorization, tasks)).status,
    ],
  };
}

describe("API Gateway's cache reuses one token's answer on every route for the TTL", () => {
  it("the guide's policy for one methodArn leaks: Alice (admin) is refused her second route", async () => {
    const token = `Bearer ${await tokenFor({ ...alice, claims: { metadata: { role: 'admin' } } })}`;
    const gateway = createGatewaySimulator({
      type: 'rest-token',
      authorizer: createGuideAuthorizer(instance.keys.jwtKey),
    });
    expect((await gateway.call(token, tasks)).status).toBe(200);
    // The cached policy allows only GET /tasks: the decision made for one route answers the other.
    expect(await gateway.call(token, report)).toEqual({ status: 403, invoked: false });
  });

  it('a per-route decision answered with a wildcard policy (the usual fix for that 403) lets Bob read reports', async () => {
    // The guide's handler, deciding on the route and allowing the whole stage when it says yes.
    const guide = createGuideAuthorizer(instance.keys.jwtKey, (methodArn) =>
      methodArn.replace(/\/[^/]+\/.*$/, '/*/*'),
    );
    const perRoute = async (event: { authorizationToken: string; methodArn: string }) => {
      const reportsRoute = event.methodArn.includes('/reports/');
      const answer = (await guide({ ...event })) as {
        policyDocument: { Statement: Array<{ Effect: string }> };
      };
      const statement = answer.policyDocument.Statement[0] as { Effect: string };
      if (reportsRoute) statement.Effect = 'Deny'; // nobody but managers, and Bob is no manager
      return answer;
    };
    const token = `Bearer ${await tokenFor({ ...bob, claims: { metadata: { role: 'admin' } } })}`;
    const gateway = createGatewaySimulator({ type: 'rest-token', authorizer: perRoute });
    expect((await gateway.call(token, tasks)).status).toBe(200);
    expect(await gateway.call(token, report)).toMatchObject({ status: 200, invoked: false }); // leaked Allow
  });

  for (const type of ['rest-token', 'rest-request', 'http-v1'] as const satisfies readonly AuthorizerType[]) {
    it(`${type}: the policy names every route, so any call order gets the right answer from the cache`, async () => {
      const authorizer = createClerkAuthorizer({ type, ...trusted, routes });
      const gatewayFor = () => createGatewaySimulator({ type, authorizer });
      expect(await callBothOrders(gatewayFor, `Bearer ${await tokenFor(alice)}`)).toEqual({
        tasksThenReport: [200, 200],
        reportThenTasks: [200, 200],
      });
      expect(await callBothOrders(gatewayFor, `Bearer ${await tokenFor(bob)}`)).toEqual({
        tasksThenReport: [200, 403],
        reportThenTasks: [403, 200],
      });
    });
  }

  it('the cached answer really is reused: one invocation for two routes', async () => {
    const gateway = createGatewaySimulator({
      type: 'rest-token',
      authorizer: createClerkAuthorizer({ type: 'rest-token', ...trusted, routes }),
    });
    const token = `Bearer ${await tokenFor(bob)}`;
    await gateway.call(token, tasks);
    expect(await gateway.call(token, report)).toEqual({ status: 403, invoked: false });
    expect(gateway.invocations).toBe(1);
  });

  it('http-v2: a simple response cannot name routes, so $context.routeKey must be in the identity source', async () => {
    const authorizer = createClerkAuthorizer({ type: 'http-v2', ...trusted, routes });
    const token = `Bearer ${await tokenFor(bob)}`;
    const tokenOnly = createGatewaySimulator({ type: 'http-v2', authorizer });
    await tokenOnly.call(token, tasks);
    expect((await tokenOnly.call(token, report)).status).toBe(200); // leaked: why the README asks for routeKey

    const keyedByRoute = createGatewaySimulator({
      type: 'http-v2',
      authorizer,
      identitySources: ['authorization', 'routeKey'],
    });
    expect(
      await callBothOrders(
        () =>
          createGatewaySimulator({
            type: 'http-v2',
            authorizer,
            identitySources: ['authorization', 'routeKey'],
          }),
        token,
      ),
    ).toEqual({
      tasksThenReport: [200, 403],
      reportThenTasks: [403, 200],
    });
    expect((await keyedByRoute.call(token, tasks)).context).toMatchObject({
      userId: 'user_bob',
      orgRole: 'org:member',
    });
  });

  it('a refused token is not cached as an answer: the next request with it is verified again', async () => {
    const gateway = createGatewaySimulator({
      type: 'rest-token',
      authorizer: createClerkAuthorizer({ type: 'rest-token', ...trusted }),
    });
    expect(await gateway.call('Bearer forged', tasks)).toEqual({ status: 401, invoked: true });
    expect(await gateway.call('Bearer forged', tasks)).toEqual({ status: 401, invoked: true });
    expect(await gateway.call(undefined, tasks)).toEqual({ status: 401, invoked: false });
  });
});
