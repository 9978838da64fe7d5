/** The full-screen app: composition only. Screens, a title bar, a footer, global keys. */
import { Box, Text, useApp, useInput } from 'ink';
import { useMemo, useReducer, useRef, useState } from 'react';
import { Frame } from './components/Frame.js';
import { Notice } from './components/Notice.js';
import { makeSave } from './forms/save.js';
import { useConfig } from './hooks/use-config.js';
import { useDaemonStats } from './hooks/use-daemon-stats.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { ColorContext } from './hooks/use-tint.js';
import { KeyScopeContext, type KeyScope } from './hooks/use-typing.js';
import { footerHints } from './keymap.js';
import { AliasesScreen } from './screens/AliasesScreen.js';
import { BucketsScreen } from './screens/BucketsScreen.js';
import { ConnectScreen } from './screens/ConnectScreen.js';
import { DeployScreen } from './screens/DeployScreen.js';
import { FallbacksScreen } from './screens/FallbacksScreen.js';
import { HelpPanel } from './screens/HelpPanel.js';
import { HomeScreen } from './screens/HomeScreen.js';
import { MasterKeyScreen } from './screens/MasterKeyScreen.js';
import { PricingScreen } from './screens/PricingScreen.js';
import { ProvidersScreen } from './screens/ProvidersScreen.js';
import { TrafficScreen } from './screens/TrafficScreen.js';
import type { ScreenProps } from './screens/types.js';
import type { TuiServices } from './services.js';
import { SCREEN_TITLES, navigate, type Route } from './state/navigation.js';

const SCREENS = {
  traffic: TrafficScreen,
  providers: ProvidersScreen,
  fallbacks: FallbacksScreen,
  pricing: PricingScreen,
  aliases: AliasesScreen,
  buckets: BucketsScreen,
  'master-key': MasterKeyScreen,
  deploy: DeployScreen,
  connect: ConnectScreen,
} as const;

export function App({ services }: { services: TuiServices }) {
  const { exit } = useApp();
  const [stack, nav] = useReducer(navigate, [{ screen: 'home' }] as Route[]);
  const [typing, setTyping] = useState(false);
  const [helpOpen, setHelpOpen] = useState(() => services.prefs.get('seenHelp') !== true);
  const scope = useRef<KeyScope>({ typing: false, helpOpen, onTypingChange: setTyping }).current;
  scope.helpOpen = helpOpen;
  const config = useConfig(services.configPath);
  const daemon = useDaemonStats(services.daemon, services.pollMs);
  const { rows } = useTerminalSize();
  const save = useMemo(
    () =>
      makeSave(services, async () => {
        await config.refresh();
        void daemon.refresh();
      }),
    [services, config.refresh, daemon.refresh],
  );
  const route = stack[stack.length - 1] ?? { screen: 'home' };

  const closeHelp = () => {
    services.prefs.set('seenHelp', true);
    setHelpOpen(false);
  };
  useInput((input, key) => {
    if (helpOpen && (key.escape || input === '?')) return closeHelp();
    if (scope.typing) return;
    if (input === '?') setHelpOpen(true);
    else if (input === 'q') exit();
  });

  const bodyRows = Math.max(4, rows - 3);
  const status = !daemon.checked ? '' : daemon.stats ? `● running :${daemon.stats.port}` : '○ stopped';
  let body;
  if (config.error) {
    body = (
      <Notice kind="error" lines={[`Cannot use ${services.configPath}:`, config.error, 'Fix the file (nothing was changed), then restart the UI. q quits.']} />
    );
  } else if (!config.config) {
    body = <Text dimColor>Reading {services.configPath}…</Text>;
  } else {
    const props: ScreenProps = { route, config: config.config, services, daemon, save, nav, rows: bodyRows };
    const Screen = route.screen === 'home' ? undefined : SCREENS[route.screen as keyof typeof SCREENS];
    body = Screen ? <Screen key={route.screen} {...props} /> : <HomeScreen {...props} onQuit={exit} />;
  }
  return (
    <ColorContext.Provider value={services.color}>
      <KeyScopeContext.Provider value={scope}>
        <Frame title={SCREEN_TITLES[route.screen]} status={status} hints={footerHints(route.screen, typing)}>
          {helpOpen ? <HelpPanel /> : null}
          {/* Hidden, not unmounted, under the help panel: a half-filled form keeps its answers. */}
          <Box flexDirection="column" display={helpOpen ? 'none' : 'flex'}>
            {body}
          </Box>
        </Frame>
      </KeyScopeContext.Provider>
    </ColorContext.Provider>
  );
}
