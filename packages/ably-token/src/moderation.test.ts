import { describe, expect, it } from 'vitest';
import { canModifyMessage } from './moderation';

const bobsMessage = { clientId: 'user_bob', extras: { userClaim: '{"moderator":false}' } };

describe('canModifyMessage', () => {
  it('lets the author delete their own message', () => {
    expect(
      canModifyMessage(bobsMessage, { clientId: 'user_bob', extras: { userClaim: '{"moderator":false}' } }),
    ).toBe(true);
  });

  it("lets a moderator delete anyone's message, on the claim Ably signed", () => {
    expect(
      canModifyMessage(bobsMessage, { clientId: 'user_alice', extras: { userClaim: '{"moderator":true}' } }),
    ).toBe(true);
  });

  it('refuses anyone else, a forged-looking or malformed claim, and anonymous actors', () => {
    expect(
      canModifyMessage(bobsMessage, { clientId: 'user_eve', extras: { userClaim: '{"moderator":false}' } }),
    ).toBe(false);
    expect(canModifyMessage(bobsMessage, { clientId: 'user_eve', extras: { userClaim: 'moderator' } })).toBe(
      false,
    );
    expect(canModifyMessage(bobsMessage, { clientId: 'user_eve' })).toBe(false);
    expect(
      canModifyMessage(bobsMessage, { clientId: null, extras: { userClaim: '{"moderator":true}' } }),
    ).toBe(false);
    expect(canModifyMessage({ clientId: null }, { clientId: 'user_eve' })).toBe(false);
    expect(
      canModifyMessage(bobsMessage, { clientId: '*', extras: { userClaim: '{"moderator":true}' } }),
    ).toBe(false);
  });

  it('reads the moderator flag your way when asked', () => {
    const isModerator = (claim: unknown) => (claim as { role?: string }).role === 'mod';
    expect(
      canModifyMessage(
        bobsMessage,
        { clientId: 'user_alice', extras: { userClaim: '{"role":"mod"}' } },
        { isModerator },
      ),
    ).toBe(true);
  });
});
