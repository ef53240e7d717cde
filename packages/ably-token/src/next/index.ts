export { type AblyTokenRouteOptions, createAblyTokenRoute } from './token-route';
