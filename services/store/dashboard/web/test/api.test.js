import { describe, expect, it } from 'vitest';
import { ApiError, apiUrl, getJSON } from '../src/api.js';

const respond = (status, body, type = 'application/problem+json') => async () =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'Content-Type': type } });

describe('the API client', () => {
  it('builds URLs relative to the page', () => {
    expect(apiUrl('events', new URLSearchParams('country=IRN'))).toBe('v1/events?country=IRN');
    expect(apiUrl('meta/vocabularies')).toBe('v1/meta/vocabularies');
  });

  it('returns the JSON body of a success', async () => {
    await expect(getJSON('events', null, respond(200, { items: [] }, 'application/json'))).resolves.toEqual({ items: [] });
  });

  it('raises the problem detail of an error', async () => {
    const problem = { type: 'https://accord.dev/problems/invalid-parameter', title: 'Invalid parameter', status: 422, detail: "query parameter 'date_from': invalid date" };
    const err = await getJSON('events', null, respond(422, problem)).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(422);
    expect(err.detail).toBe(problem.detail);
  });

  it('falls back to the title or the status when there is no detail', async () => {
    const noDetail = await getJSON('x', null, respond(404, { title: 'Not Found', status: 404 })).catch((e) => e);
    expect(noDetail.detail).toBe('404 Not Found');
    const notJson = await getJSON('x', null, respond(502, '<html>bad gateway</html>', 'text/html')).catch((e) => e);
    expect(notJson.status).toBe(502);
    expect(notJson.detail).toMatch(/^502/);
  });

  it('reports an unreachable store as status 0', async () => {
    const err = await getJSON('x', null, async () => { throw new TypeError('Failed to fetch'); }).catch((e) => e);
    expect(err.status).toBe(0);
    expect(err.detail).toMatch(/could not be reached/);
  });
});
