/**
 * Master keys: generation (shared by `config --operation=set-master-key`, `deploy` and
 * `worker-key`) and the seed's strength check, which deploy and worker-key enforce unless
 * `--allow-weak-master-key`. Pure: randomness comes in as a function.
 */
import { RouterError } from '../errors/router-error.js';

/** Fewest random characters in a generated key (base64url: 6 bits each, so >= 192 bits). */
export const MIN_RANDOM_CHARS = 32;
export const DEFAULT_KEY_LENGTH = 48;
export const MAX_KEY_LENGTH = 256;
export const DEFAULT_KEY_PREFIX = 'gw_';
export const MAX_PREFIX_LENGTH = 32;
/** Generation retries this often until the key passes the strength check (as the seed). */
const GENERATE_ATTEMPTS = 12;

const MIN_STRONG_LENGTH = 24;
const WEAK_WORDS = ['password', 'changeme', 'default', 'secret', 'token', 'admin', 'qwerty', 'letmein', '123456'];

export type RandomBytes = (size: number) => Uint8Array;

const webRandom: RandomBytes = (n) => crypto.getRandomValues(new Uint8Array(n));

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Problems that make a key weak; empty when it is strong. */
export function masterKeyProblems(key: string): string[] {
  const problems: string[] = [];
  if (key.length < MIN_STRONG_LENGTH) problems.push(`it is ${key.length} characters (at least ${MIN_STRONG_LENGTH} needed)`);
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(key)).length;
  if (classes < 3) problems.push(`it uses ${classes} of the 4 character classes (lower case, upper case, digits, symbols; at least 3 needed)`);
  const lower = key.toLowerCase();
  const words = WEAK_WORDS.filter((w) => lower.includes(w));
  if (words.length > 0) problems.push(`it contains the guessable word${words.length > 1 ? 's' : ''} ${words.map((w) => `"${w}"`).join(', ')}`);
  if (/(.)\1{5,}/.test(key)) problems.push('it repeats one character 6 or more times in a row');
  return problems;
}

function checkShape(length: number, prefix: string): void {
  if (!Number.isInteger(length) || length > MAX_KEY_LENGTH)
    throw new RouterError('INVALID_INPUT', `--master-key-length must be a whole number of at most ${MAX_KEY_LENGTH}`, { path: 'master-key-length' });
  if (prefix.length > MAX_PREFIX_LENGTH || !/^[A-Za-z0-9_-]*$/.test(prefix))
    throw new RouterError('INVALID_INPUT', `--master-key-prefix may use only letters, digits, "_" and "-", at most ${MAX_PREFIX_LENGTH} characters`, {
      path: 'master-key-prefix',
    });
  if (length - prefix.length < MIN_RANDOM_CHARS) {
    throw new RouterError(
      'INVALID_INPUT',
      `--master-key-length must leave at least ${MIN_RANDOM_CHARS} random characters after the prefix (at least ${prefix.length + MIN_RANDOM_CHARS} here)`,
      { path: 'master-key-length' },
    );
  }
}

/**
 * `prefix` + base64url random characters, `length` in all; retried until the key passes the
 * strength check (a random tail can miss a character class or contain a weak word).
 */
export function generateMasterKey(randomBytes: RandomBytes = webRandom, length = DEFAULT_KEY_LENGTH, prefix = DEFAULT_KEY_PREFIX): string {
  checkShape(length, prefix);
  const randomChars = length - prefix.length;
  let key = '';
  for (let attempt = 0; attempt < GENERATE_ATTEMPTS; attempt += 1) {
    key = prefix + base64url(randomBytes(Math.ceil((randomChars * 3) / 4))).slice(0, randomChars);
    if (masterKeyProblems(key).length === 0) return key;
  }
  throw new RouterError('INVALID_INPUT', `no strong key with the prefix "${prefix}" in ${GENERATE_ATTEMPTS} attempts: ${masterKeyProblems(key).join('; ')}`, {
    path: 'master-key-prefix',
  });
}

/** Throws INVALID_INPUT naming every problem unless the key is strong or weak keys are allowed. */
export function assertStrongMasterKey(key: string, allowWeak: boolean | undefined): string[] {
  const problems = masterKeyProblems(key);
  if (problems.length === 0) return [];
  if (allowWeak) return [`the master key is weak (${problems.join('; ')}); deployed anyway because of --allow-weak-master-key`];
  throw new RouterError('INVALID_INPUT', `the master key is weak: ${problems.join('; ')}`, {
    path: 'master-key',
    details: [...problems, 'use --generate-master-key, or --allow-weak-master-key to deploy it anyway'],
  });
}
