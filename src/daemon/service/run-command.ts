/** Runs a service-manager command (systemctl, launchctl) and reports, never throws on exit codes. */
import { execa } from 'execa';
import type { CommandResult, ServiceCommand } from './service-backend.js';

export type CommandRunner = (cmd: ServiceCommand) => Promise<CommandResult>;

export const runCommand: CommandRunner = async ({ command, args }) => {
  const result = await execa(command, args, { reject: false, timeout: 30_000, stdin: 'ignore' });
  const code = (result as { code?: string }).code;
  if (code === 'ENOENT') return { exitCode: 127, stdout: '', stderr: `${command}: command not found` };
  return { exitCode: result.exitCode ?? 1, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
};

export function describeCommand({ command, args }: ServiceCommand): string {
  return [command, ...args].map((w) => (/^[\w./:=@%+,-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}
