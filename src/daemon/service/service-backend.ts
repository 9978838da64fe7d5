/** What each OS service manager provides: where the unit lives, its text, and its commands. */
import type { ServiceSpec } from './service-spec.js';

export interface ServiceCommand {
  command: string;
  args: string[];
  /** A failure is expected in some states (e.g. unloading what is not loaded). */
  allowFailure?: boolean;
}

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ServiceStatus {
  enabled: boolean;
  running: boolean;
  detail: string;
}

export interface ServiceBackend {
  kind: 'systemd' | 'launchd';
  unitPath: string;
  render(spec: ServiceSpec): string;
  /** Run after the unit is written; `startNow` is false while another daemon already serves. */
  installCommands(startNow: boolean): ServiceCommand[];
  statusCommands(): ServiceCommand[];
  readStatus(results: ReadonlyArray<CommandResult | undefined>): ServiceStatus;
  /** Run before the unit file is removed. */
  stopCommands(): ServiceCommand[];
  afterRemoveCommands(): ServiceCommand[];
  /** How the user starts it by hand, for messages. */
  manualStart: string;
}
