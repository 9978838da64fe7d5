import { describe, expect, it } from 'vitest';
import { orderFormats } from '../../src/probe/confirm-models.js';
import { parseModelPage } from '../../src/probe/list-models.js';
import { modelsUrl, callUrl, authStyles } from '../../src/probe/requests.js';
import { selectModels } from '../../src/probe/select-models.js';

describe('parseModelPage', () => {
  it.each([
    ['OpenAI', { object: 'list', data: [{ id: 'gpt-5' }, { id: 'gpt-5-mini' }] }, ['gpt-5', 'gpt-5-mini'], undefined],
    ['Anthropic, more to come', { data: [{ id: 'claude-x', display_name: 'Claude X' }], has_more: true, last_id: 'claude-x' }, ['claude-x'], 'claude-x'],
    ['Anthropic, last page', { data: [{ id: 'a' }], has_more: false, last_id: 'a' }, ['a'], undefined],
    ['bare array of ids', ['a', 'b', ' '], ['a', 'b'], undefined],
    ['bare array of objects', [{ id: 'a' }, { name: 'b' }, { nope: 1 }], ['a', 'b'], undefined],
    ['{models:[{name}]}', { models: [{ name: 'llama3:8b' }] }, ['llama3:8b'], undefined],
  ])('%s', (_what, body, ids, next) => {
    const page = parseModelPage(body);
    expect(page?.models.map((m) => m.id)).toEqual(ids);
    expect(page?.next).toBe(next);
  });

  it('keeps the display name when it says more than the id', () => {
    expect(parseModelPage({ data: [{ id: 'c', display_name: 'Claude C' }] })?.models).toEqual([{ id: 'c', displayName: 'Claude C' }]);
  });

  it('is not fooled by an object without a list', () => {
    expect(parseModelPage({ error: { message: 'no' } })).toBeUndefined();
    expect(parseModelPage('text')).toBeUndefined();
  });
});

describe('selectModels', () => {
  const listed = ['claude-opus-4', 'claude-haiku-4', 'gpt-5', 'gpt-5-mini', 'gpt-4.1'];
  it('expands all and globs in list order, keeps explicit names, reports patterns that match nothing', () => {
    expect(selectModels(['all'], listed).models).toEqual(listed);
    expect(selectModels(['claude-*', 'gpt-5*'], listed).models).toEqual(['claude-opus-4', 'claude-haiku-4', 'gpt-5', 'gpt-5-mini']);
    expect(selectModels(['gpt-4.?', 'custom'], listed)).toEqual({ models: ['gpt-4.1', 'custom'], unmatched: [] });
    expect(selectModels(['llama-*', 'gpt-5'], listed)).toEqual({ models: ['gpt-5'], unmatched: ['llama-*'] });
  });
});

describe('URLs and auth order', () => {
  it('joins as the gateway does and lists models next to the call URL', () => {
    expect(callUrl('https://api.openai.com/v1', 'openai')).toBe('https://api.openai.com/v1/chat/completions');
    expect(callUrl('https://api.anthropic.com', 'claude')).toBe('https://api.anthropic.com/v1/messages');
    expect(modelsUrl('https://api.anthropic.com', 'claude')).toBe('https://api.anthropic.com/v1/models');
    expect(modelsUrl('https://api.z.ai/api/paas/v4', 'openai')).toBe('https://api.z.ai/api/paas/v4/models');
    expect(modelsUrl('https://generativelanguage.googleapis.com/v1beta/openai/chat/completions', 'openai')).toBe(
      'https://generativelanguage.googleapis.com/v1beta/openai/models',
    );
  });

  it('tries Bearer first for OpenAI-style APIs, x-api-key first for Anthropic, the saved style before both', () => {
    expect(authStyles('openai', true)).toEqual(['bearer', 'x-api-key']);
    expect(authStyles('claude', true)).toEqual(['x-api-key', 'bearer']);
    expect(authStyles('openai', true, 'x-api-key')).toEqual(['x-api-key', 'bearer']);
    expect(authStyles('claude', false)).toEqual(['none']);
  });

  it('tries a model on the format its name hints at first', () => {
    expect(orderFormats('claude-sonnet-4', ['openai', 'claude'])).toEqual(['claude', 'openai']);
    expect(orderFormats('openai/gpt-5', ['claude', 'openai'])).toEqual(['openai', 'claude']);
    expect(orderFormats('glm-4.6', ['claude', 'openai'])).toEqual(['claude', 'openai']);
  });
});
