export { PostHogIdentify, type PostHogIdentifyOptions, usePostHogIdentify } from './posthog-identify';
