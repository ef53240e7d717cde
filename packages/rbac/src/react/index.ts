export { type CanProps, createReactAccess, type ReactAccess } from './can';
