import posthog from 'posthog-js';

// PostHog's recommended Next.js setup (15.3+): initialise once here, before the app hydrates. Events go
// to this app's own /ingest route, which forwards them to PostHog (so ad blockers and CSP stay happy);
// in local mode, with no PostHog account, /ingest accepts and drops them.
posthog.init(process.env.NEXT_PUBLIC_POSTHOG_KEY ?? 'phc_clerkship_local_mode', {
  api_host: '/ingest',
  ui_host: 'https://us.posthog.com',
  defaults: '2026-08-29',
  person_profiles: 'identified_only',
  // Nothing beyond events: no remote scripts, so the page works offline too.
  disable_external_dependency_loading: true,
  disable_session_recording: true,
  disable_surveys: true,
  advanced_disable_flags: true,
});
