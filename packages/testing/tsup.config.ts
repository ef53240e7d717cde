import { definePackageBuild } from '../../tsup.shared';

export default definePackageBuild({
  entries: {
    index: 'src/index.ts',
    stripe: 'src/stripe/index.ts',
    'clerk-api': 'src/clerk-api/index.ts',
    postgres: 'src/postgres/index.ts',
    'stripe-api': 'src/stripe-api/index.ts',
  },
  // `jose` and `svix` are ES modules only: a CommonJS build would fail on Node 22.0 to 22.11.
  esmOnly: true,
});
