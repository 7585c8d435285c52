import { StrategyConfig } from '../../core/strategies/strategy-config';

/** One configuration of the paper's ablation: which modules are on. */
export interface AblationConfig {
  label: string;
  modules: { reflection: boolean; risk: boolean; positionControl: boolean };
}

/**
 * The paper's four configurations, from the all-off base to everything on. News and report
 * stay as the strategy file sets them.
 */
export const ABLATION_CONFIGS: readonly AblationConfig[] = [
  { label: 'none', modules: { reflection: false, risk: false, positionControl: false } },
  { label: 'risk+position', modules: { reflection: false, risk: true, positionControl: true } },
  { label: 'reflection+position', modules: { reflection: true, risk: false, positionControl: true } },
  { label: 'all', modules: { reflection: true, risk: true, positionControl: true } },
];

/** The strategy config of one ablation variant: the modules switched, the name suffixed. */
export function ablationVariant(base: StrategyConfig, config: AblationConfig): StrategyConfig {
  const params = base.params as { modules?: Record<string, boolean> };
  const suffix = config.label.replace(/[^a-z0-9]+/g, '-');
  return {
    ...base,
    name: `${base.name}-${suffix}`,
    params: { ...base.params, modules: { ...(params.modules ?? {}), ...config.modules } },
  };
}
