/** Which screen is showing: a stack, so Esc returns where the user came from. Pure. */
export type ScreenId = 'home' | 'traffic' | 'providers' | 'fallbacks' | 'pricing' | 'aliases' | 'buckets' | 'master-key' | 'deploy' | 'connect';

export interface Route {
  screen: ScreenId;
}

export type NavAction = { type: 'push'; route: Route } | { type: 'back' } | { type: 'home' };

export function navigate(stack: readonly Route[], action: NavAction): Route[] {
  switch (action.type) {
    case 'push':
      return [...stack, action.route];
    case 'back':
      return stack.length > 1 ? stack.slice(0, -1) : [...stack];
    case 'home':
      return [{ screen: 'home' }];
  }
}

export const SCREEN_TITLES: Record<ScreenId, string> = {
  home: 'Home',
  traffic: 'Traffic',
  providers: 'Providers',
  fallbacks: 'Model fallbacks',
  pricing: 'Model pricing',
  aliases: 'Aliases and strategies',
  buckets: 'Rate-limit buckets',
  'master-key': 'Master key',
  deploy: 'Deploy',
  connect: 'Connect a coding tool',
};
