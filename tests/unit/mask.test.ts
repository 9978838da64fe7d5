import { describe, expect, it } from 'vitest';
import { hasUrlCredentials, maskSecret, maskUrl } from '../../src/config/mask.js';
import { parseConfigText } from '../../src/config/parse-config.js';

describe('maskSecret', () => {
  it.each([
    ['abcdefghi', 'ab*** (9 chars)'],
    ['sk-12', 's*** (5 chars)'],
    ['abc', '*** (3 chars)'],
    ['', '*** (0 chars)'],
    ['sk-ant-api03-0123456789abcdefXYZ', 'sk-a...fXYZ'],
  ])('%j -> %j', (secret, masked) => {
    expect(maskSecret(secret)).toBe(masked);
  });

  it('never shows more than a quarter of a short key', () => {
    for (let n = 1; n < 24; n += 1) {
      const secret = 'x'.repeat(n);
      const shown = maskSecret(secret)!.replace(/\*\*\* \(\d+ chars\)$/, '');
      expect(shown.length).toBeLessThanOrEqual(Math.floor(n / 4));
    }
  });
});

describe('URL credentials', () => {
  it('are detected and masked', () => {
    expect(hasUrlCredentials('http://user:pw@host.test/v1')).toBe(true);
    expect(hasUrlCredentials('https://host.test/v1?a=b@c')).toBe(false);
    expect(maskUrl('http://user:s3cret@host.test:8080/v1')).toBe('http://***@host.test:8080/v1');
  });

  it('are refused in a base URL with a message that does not repeat them', () => {
    const text = JSON.stringify({
      version: 2,
      providers: [{ id: 'p', baseUrl: 'http://admin:hunter2@proxy.test/v1', format: 'openai', models: [{ id: 'm' }] }],
    });
    let message = '';
    try {
      parseConfigText(text, '/tmp/x.json');
    } catch (err) {
      message = `${(err as Error).message} ${JSON.stringify(err)}`;
    }
    expect(message).toContain('must not contain a user name or password');
    expect(message).not.toContain('hunter2');
  });
});
