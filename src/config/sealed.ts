/**
 * A config sealed for the hosted Worker (ADR 0012): AES-256-GCM with a random 256-bit key,
 * Web Crypto only, so the CLI (Node) seals and the Worker opens with the same code. The
 * sealed text goes into the Worker bundle; the key goes into one Worker secret
 * (LLM_ROUTER_CONFIG_KEY, 43 characters), so a config of any size fits the 5 KB secret
 * limit and no provider key is in the bundle in plain text.
 *
 * Format: `llrseal1.<iv, base64url>.<ciphertext+tag, base64url>`; the associated data is
 * the prefix, so a blob of another version cannot be opened as this one.
 */
const PREFIX = 'llrseal1';
const AAD = new TextEncoder().encode(PREFIX);

export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealError';
  }
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new SealError('not base64url text');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) out[i] = binary.charCodeAt(i);
  return out;
}

/** A new random key, as the secret's text (base64url of 32 bytes). */
export function newSealKey(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

async function importKey(keyText: string, usage: 'encrypt' | 'decrypt'): ReturnType<typeof crypto.subtle.importKey> {
  let raw: Uint8Array;
  try {
    raw = fromBase64Url(keyText.trim());
  } catch {
    throw new SealError('the config key (LLM_ROUTER_CONFIG_KEY) is not base64url text');
  }
  if (raw.length !== 32) throw new SealError(`the config key (LLM_ROUTER_CONFIG_KEY) must be 32 bytes, got ${raw.length}`);
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, [usage]);
}

export async function sealText(plain: string, keyText: string): Promise<string> {
  const key = await importKey(keyText, 'encrypt');
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const cipher = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: AAD }, key, new TextEncoder().encode(plain));
  return `${PREFIX}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(cipher))}`;
}

export function isSealed(text: unknown): text is string {
  return typeof text === 'string' && text.startsWith(`${PREFIX}.`);
}

export async function openSealed(sealed: string, keyText: string): Promise<string> {
  const parts = sealed.trim().split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) throw new SealError(`the sealed config is not in the ${PREFIX} format`);
  const key = await importKey(keyText, 'decrypt');
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64Url(parts[1]!), additionalData: AAD }, key, fromBase64Url(parts[2]!));
  } catch {
    throw new SealError('the sealed config cannot be opened with LLM_ROUTER_CONFIG_KEY (wrong key, or the bundle and the secret are from different deploys)');
  }
  return new TextDecoder().decode(plain);
}
