/** What every step of the deploy wizard receives. */
import type { Dispatch } from 'react';
import type { Config } from '../../../config/schema.js';
import type { DeployApi } from '../../../deploy/types.js';
import type { DeployWizardAction, DeployWizardState, RequestContext } from '../../state/deploy-wizard.js';

export interface DeployStepProps {
  state: DeployWizardState;
  dispatch: Dispatch<DeployWizardAction>;
  api: DeployApi;
  config: Config;
  ctx: RequestContext;
  /** Rows available below the wizard's header. */
  rows: number;
  /** What Esc does: the previous step (or leave). */
  back: () => void;
  /** Leaves the wizard (to the Deploy menu, or Home). */
  onExit: (to: 'menu' | 'home') => void;
}
