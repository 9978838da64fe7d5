/** The macOS startup service: a launchd agent and the launchctl commands that manage it. */
import { join } from 'node:path';
import type { ServiceSpec } from './service-spec.js';
import type { ServiceBackend } from './service-backend.js';

export const LAUNCHD_LABEL = 'dev.llm-router';

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function renderLaunchdPlist(spec: ServiceSpec): string {
  const str = (s: string) => `<string>${escapeXml(s)}</string>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<!-- Written by llm-router (config --operation=startup-install); remove with startup-uninstall. -->',
    '<plist version="1.0">',
    '<dict>',
    `  <key>Label</key>${str(LAUNCHD_LABEL)}`,
    '  <key>ProgramArguments</key>',
    '  <array>',
    ...spec.argv.map((a) => `    ${str(a)}`),
    '  </array>',
    `  <key>WorkingDirectory</key>${str(spec.home)}`,
    '  <key>RunAtLoad</key><true/>',
    // Restart after a crash, not after a clean `llm-router stop`.
    '  <key>KeepAlive</key>',
    '  <dict><key>SuccessfulExit</key><false/></dict>',
    `  <key>StandardOutPath</key>${str(join(spec.home, 'Library', 'Logs', 'llm-router.out.log'))}`,
    `  <key>StandardErrorPath</key>${str(join(spec.home, 'Library', 'Logs', 'llm-router.err.log'))}`,
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}

export function launchdBackend(home: string, uid: number): ServiceBackend {
  const domain = `gui/${uid}`;
  const target = `${domain}/${LAUNCHD_LABEL}`;
  const unitPath = join(home, 'Library', 'LaunchAgents', `${LAUNCHD_LABEL}.plist`);
  const ctl = (...args: string[]) => ({ command: 'launchctl', args });
  return {
    kind: 'launchd',
    unitPath,
    render: renderLaunchdPlist,
    installCommands: (startNow) => [
      { ...ctl('bootout', target), allowFailure: true },
      ctl('enable', target),
      ...(startNow ? [ctl('bootstrap', domain, unitPath)] : []),
    ],
    statusCommands: () => [{ ...ctl('print', target), allowFailure: true }],
    readStatus: ([print]) => {
      const loaded = print?.exitCode === 0;
      const state = /\bstate = (\w+)/.exec(print?.stdout ?? '')?.[1];
      return { enabled: loaded, running: state === 'running', detail: loaded ? `launchd: loaded, ${state ?? 'state unknown'}` : 'launchd: not loaded' };
    },
    stopCommands: () => [{ ...ctl('bootout', target), allowFailure: true }],
    afterRemoveCommands: () => [],
    manualStart: `launchctl bootstrap ${domain} ${unitPath}`,
  };
}
