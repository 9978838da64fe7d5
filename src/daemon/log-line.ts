/**
 * The daemon's own log lines, in the shape of the gateway's (pino) lines so `daemon.log` is
 * one format, JSON lines: `{"level":30,"time":<ms>,"pid":..,"msg":"..",...fields}`.
 */
export type LogLevel = 'info' | 'warn' | 'error';
const LEVEL: Record<LogLevel, number> = { info: 30, warn: 40, error: 50 };

export type DaemonLog = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => void;

export function jsonLogLine(level: LogLevel, msg: string, fields: Record<string, unknown> = {}, now = Date.now()): string {
  return JSON.stringify({ level: LEVEL[level], time: now, pid: process.pid, msg, ...fields });
}

/** Provider key variables the config names that are unset here: requests to those providers would go out without a key. */
export function missingKeyVariables(
  providers: readonly { id: string; enabled?: boolean | undefined; apiKey?: string | undefined; apiKeyEnv?: string | undefined }[],
  env: NodeJS.ProcessEnv,
): { providerId: string; variable: string }[] {
  return providers
    .filter((p) => p.enabled !== false && !p.apiKey && p.apiKeyEnv && !env[p.apiKeyEnv])
    .map((p) => ({ providerId: p.id, variable: p.apiKeyEnv as string }));
}

export function missingKeyWarning(missing: { providerId: string; variable: string }): string {
  return (
    `provider "${missing.providerId}" reads its API key from $${missing.variable}, ` +
    `which is not set where the gateway runs: its requests go out without a key (set it, then restart the gateway)`
  );
}
