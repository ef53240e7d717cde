import { describe, expect, it } from 'vitest';
import { jsonBody, newTask, taskPatch } from './input';

const post = (body: string, contentType?: string) =>
  new Request('http://app.test/api/tasks', {
    method: 'POST',
    body,
    ...(contentType ? { headers: { 'content-type': contentType } } : {}),
  });

describe('jsonBody: only a request sent as JSON has a body', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'application/merge-patch+json'])(
    'reads %s',
    async (type) => {
      expect(await jsonBody(post('{"title":"Ship it"}', type))).toEqual({ title: 'Ship it' });
    },
  );

  it.each([
    ['text/plain (a cross-site fetch needs no preflight for it)', 'text/plain'],
    ['an HTML form', 'application/x-www-form-urlencoded'],
    ['no Content-Type', undefined],
    ['a look-alike type', 'application/jsonp'],
  ])('ignores %s', async (_, type) => {
    expect(await jsonBody(post('{"title":"Ship it"}', type))).toBeUndefined();
  });

  it('gives malformed JSON as no body', async () => {
    expect(await jsonBody(post('{"title":', 'application/json'))).toBeUndefined();
  });
});

describe('the task schemas say what is wrong with a body that is not JSON', () => {
  it.each([newTask, taskPatch])('%#: asks for a JSON object', (schema) => {
    const result = schema.safeParse(undefined);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('send a JSON object with Content-Type: application/json');
  });

  it('keeps its own messages for JSON that is wrong', () => {
    expect(newTask.safeParse({ title: '' }).error?.issues[0]?.message).toBe('the title is empty');
    expect(newTask.safeParse([]).error?.issues[0]?.message).not.toContain('Content-Type');
  });
});
