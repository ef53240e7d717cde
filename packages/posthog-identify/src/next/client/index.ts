export {
  PostHogIdentify,
  type PostHogIdentifyOptions,
  type PostHogIdentifyProps,
  type SessionSnapshot,
  usePostHogIdentify,
} from './posthog-identify';
