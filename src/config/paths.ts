/** Every path llm-router uses derives from the user's home directory (so HOME=/tmp/x isolates all). */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function homeDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.HOME && env.HOME.length > 0 ? env.HOME : homedir();
}

export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(homeDir(env), '.llm-router.json');
}

export function resolveConfigPath(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return explicit ? resolve(explicit) : defaultConfigPath(env);
}

export function runtimeDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(homeDir(env), '.llm-router');
}

export function backupsDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(runtimeDir(env), 'backups');
}
