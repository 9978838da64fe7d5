/** Loads the DeployApi the services provide (the real one lazily; tests pass fakes). */
import { useEffect, useState } from 'react';
import type { DeployApi } from '../../deploy/types.js';
import type { TuiServices } from '../services.js';

export type DeployApiView = { api: DeployApi } | { error: string } | undefined;

export function useDeployApi(services: TuiServices): DeployApiView {
  const [view, setView] = useState<DeployApiView>();
  useEffect(() => {
    let live = true;
    if (!services.deployApi) {
      setView({ error: 'The hosted deploy is not part of this build.' });
      return;
    }
    services.deployApi().then(
      (api) => live && setView({ api }),
      (err: unknown) => live && setView({ error: `Could not load the deploy code: ${err instanceof Error ? err.message : String(err)}` }),
    );
    return () => {
      live = false;
    };
  }, [services]);
  return view;
}
