import { describe, expect, it } from 'vitest';
import { defaultPersonProperties } from './person-properties';

describe('defaultPersonProperties', () => {
  it('sends email, username and name, and nothing else', () => {
    expect(
      defaultPersonProperties({
        primaryEmailAddress: { emailAddress: 'alice@example.com' },
        username: 'alice',
        fullName: 'Alice Example',
        // @ts-expect-error metadata is not read, whatever the user object carries
        publicMetadata: { secret: true },
      }),
    ).toEqual({ email: 'alice@example.com', username: 'alice', name: 'Alice Example' });
  });

  it('leaves out what the user does not have, and builds a name from its parts', () => {
    expect(defaultPersonProperties({ firstName: 'Bob', lastName: null })).toEqual({ name: 'Bob' });
    expect(defaultPersonProperties(null)).toBeUndefined();
  });
});
