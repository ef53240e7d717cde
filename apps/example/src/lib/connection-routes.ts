/** "Connect GitHub"'s callback: kept apart from `connections.ts` so that the proxy imports only this. */
export const callbackPath = '/api/connections/github/callback';
