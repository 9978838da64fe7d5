/** What every screen receives from the app. */
import type { Config } from '../../config/schema.js';
import type { Save } from '../forms/save.js';
import type { DaemonView } from '../hooks/use-daemon-stats.js';
import type { TuiServices } from '../services.js';
import type { NavAction, Route } from '../state/navigation.js';

export interface ScreenProps {
  route: Route;
  config: Config;
  services: TuiServices;
  daemon: DaemonView;
  save: Save;
  nav: (action: NavAction) => void;
  /** Rows available to the screen's body. */
  rows: number;
}
