export { type AccessProviderProps, type CanProps, createReactAccess, type ReactAccess } from './can';
