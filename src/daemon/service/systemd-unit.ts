/** The Linux startup service: a systemd user unit and the systemctl commands that manage it. */
import { join } from 'node:path';
import type { ServiceSpec } from './service-spec.js';
import type { ServiceBackend } from './service-backend.js';

export const SYSTEMD_UNIT = 'llm-router.service';

/** Quotes one ExecStart word: systemd splits on spaces, unquotes "…", and expands % and $. */
export function quoteSystemdWord(word: string): string {
  const escaped = word.replace(/%/g, '%%').replace(/\$/g, '$$$$');
  if (/^[A-Za-z0-9_.,:@%+=/\-$]+$/.test(escaped)) return escaped;
  return `"${escaped.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function renderSystemdUnit(spec: ServiceSpec): string {
  return [
    '# Written by llm-router (config --operation=startup-install); remove with startup-uninstall.',
    '[Unit]',
    'Description=llm-router local LLM gateway',
    'After=network-online.target',
    'Wants=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    `ExecStart=${spec.argv.map(quoteSystemdWord).join(' ')}`,
    // A clean exit (llm-router stop) stays stopped; a crash is restarted.
    'Restart=on-failure',
    'RestartSec=2',
    'TimeoutStopSec=15',
    '',
    '[Install]',
    'WantedBy=default.target',
    '',
  ].join('\n');
}

const ctl = (...args: string[]) => ({ command: 'systemctl', args: ['--user', ...args] });

export function systemdBackend(home: string): ServiceBackend {
  return {
    kind: 'systemd',
    unitPath: join(home, '.config', 'systemd', 'user', SYSTEMD_UNIT),
    render: renderSystemdUnit,
    installCommands: (startNow) => [ctl('daemon-reload'), startNow ? ctl('enable', '--now', SYSTEMD_UNIT) : ctl('enable', SYSTEMD_UNIT)],
    statusCommands: () => [ctl('is-enabled', SYSTEMD_UNIT), ctl('is-active', SYSTEMD_UNIT)],
    readStatus: ([enabled, active]) => ({
      enabled: enabled?.stdout.trim() === 'enabled',
      running: active?.stdout.trim() === 'active',
      detail: `systemd: ${enabled?.stdout.trim() || 'unknown'}, ${active?.stdout.trim() || 'unknown'}`,
    }),
    stopCommands: () => [{ ...ctl('disable', '--now', SYSTEMD_UNIT), allowFailure: true }],
    afterRemoveCommands: () => [ctl('daemon-reload')],
    manualStart: `systemctl --user start ${SYSTEMD_UNIT}`,
  };
}
