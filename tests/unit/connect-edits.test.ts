/** The surgical editors behind `setup`: TOML and JSONC edits that keep everything else, and the diff. */
import { describe, expect, it } from 'vitest';
import { parse } from '@decimalturn/toml-patch';
import { editToml } from '../../src/connect/edit/toml-edit.js';
import { applyJsonEdits } from '../../src/connect/edit/jsonc-edit.js';
import { unifiedDiff } from '../../src/connect/edit/unified-diff.js';

const table = { name: 'llm-router', base_url: 'http://127.0.0.1:8787/openai/v1', wire_api: 'responses' };
const edit = (text: string | undefined) =>
  editToml(text, { model_provider: 'llm-router', model: 'coding' }, ['model_providers', 'llm-router'], table, 'config.toml');

describe('editToml', () => {
  it('creates a file with root keys first and a [model_providers.llm-router] section', () => {
    expect(edit(undefined)).toBe(
      'model_provider = "llm-router"\nmodel = "coding"\n\n[model_providers.llm-router]\nname = "llm-router"\nbase_url = "http://127.0.0.1:8787/openai/v1"\nwire_api = "responses"\n',
    );
  });

  it('is idempotent, keeps CRLF line ends, dates and other tables', () => {
    const src = '# top\r\nstarted = 2024-01-15\r\n\r\n[profiles.fast]\r\nmodel = "gpt-5" # fast\r\n';
    const once = edit(src);
    expect(edit(once)).toBe(once);
    expect(once.replace(/\r\n/g, '')).not.toContain('\n');
    expect(once.startsWith('# top\r\nstarted = 2024-01-15\r\n')).toBe(true);
    expect(once).toContain('model = "gpt-5" # fast\r\n');
    expect(parse(once).profiles.fast.model).toBe('gpt-5');
  });

  it('adds to an inline model_providers table instead of redefining it, and removes a key set to undefined', () => {
    const out = edit('model_providers = { other = { name = "o" } }\n');
    const doc = parse(out);
    expect(doc.model_providers.other.name).toBe('o');
    expect(doc.model_providers['llm-router'].wire_api).toBe('responses');
    const withKey = editToml(out, {}, ['model_providers', 'llm-router'], { env_key: 'X' }, 'c');
    expect(parse(withKey).model_providers['llm-router'].env_key).toBe('X');
    expect(parse(editToml(withKey, {}, ['model_providers', 'llm-router'], { env_key: undefined }, 'c')).model_providers['llm-router'].env_key).toBeUndefined();
  });

  it('refuses invalid TOML with a clear message', () => {
    expect(() => edit('model = ')).toThrow(/cannot edit config.toml: it is not valid TOML/);
  });
});

describe('applyJsonEdits', () => {
  it('keeps tabs, comments and trailing commas; refuses a non-object', () => {
    const src = '{\n\t// keep\n\t"a": 1, // one\n}\n';
    const out = applyJsonEdits(src, [{ path: ['env', 'X'], value: 'y' }], 'f.json');
    expect(out).toContain('\t// keep\n');
    expect(out).toContain('\t"a": 1, // one');
    expect(out).toContain('\t"env": {\n\t\t"X": "y"\n\t}');
    expect(() => applyJsonEdits('[1]', [], 'f.json')).toThrow(/top level is not a JSON object/);
    expect(() => applyJsonEdits('{"a":', [], 'f.json')).toThrow(/not valid JSON .* at line 1/);
  });
});

describe('unifiedDiff', () => {
  it('gives hunks with context and /dev/null for a new file; nothing for equal texts', () => {
    const a = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].join('\n') + '\n';
    const b = a.replace('5\n', 'five\n');
    expect(unifiedDiff(a, b, '/f')).toEqual(['--- a/f', '+++ b/f', '@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8']);
    expect(unifiedDiff(undefined, 'x\n', '/f')).toEqual(['--- /dev/null', '+++ b/f', '@@ -0,0 +1,1 @@', '+x']);
    expect(unifiedDiff(a, a, '/f')).toEqual([]);
  });
});
