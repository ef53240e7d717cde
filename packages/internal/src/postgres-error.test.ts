import { describe, expect, it } from 'vitest';
import { postgresErrorOf } from './postgres-error';

describe('postgresErrorOf', () => {
  it('finds the SQLSTATE and message, however deep the wrapping', () => {
    const driver = Object.assign(new Error('function f() does not exist'), { code: '42883' });
    const drizzle = new Error('Failed query: select f()', { cause: driver });
    expect(postgresErrorOf(driver)).toEqual({ code: '42883', message: 'function f() does not exist' });
    expect(postgresErrorOf(new Error('outer', { cause: drizzle }))).toEqual({
      code: '42883',
      message: 'function f() does not exist',
    });
  });

  it('is undefined for errors that are not Postgres errors', () => {
    expect(postgresErrorOf(new Error('plain'))).toBeUndefined();
    expect(postgresErrorOf(Object.assign(new Error('socket'), { code: 'ECONNRESET' }))).toBeUndefined();
    expect(postgresErrorOf(undefined)).toBeUndefined();
    expect(postgresErrorOf('42883')).toBeUndefined();
  });
});
