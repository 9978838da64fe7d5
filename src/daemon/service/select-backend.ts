/** Picks the service manager for this OS: systemd user units on Linux, launchd agents on macOS. */
import { RouterError } from '../../errors/router-error.js';
import { launchdBackend } from './launchd-plist.js';
import type { ServiceBackend } from './service-backend.js';
import { systemdBackend } from './systemd-unit.js';

export function selectBackend(platform: NodeJS.Platform, home: string, uid: number): ServiceBackend {
  if (platform === 'linux') return systemdBackend(home);
  if (platform === 'darwin') return launchdBackend(home, uid);
  throw new RouterError(
    'NOT_AVAILABLE',
    `the OS startup service supports Linux (systemd) and macOS (launchd), not ${platform}; run "llm-router start" from your login scripts instead`,
  );
}
