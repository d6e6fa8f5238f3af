import { PolicyEntity } from '../policies/policy.entity';

export interface WarningOffset {
  /** Stable per threshold, so rescheduling replaces the pending alert row of the same threshold. */
  key: string;
  /** Business seconds after the clock's start at which the warning is due. */
  offsetSeconds: number;
}

/** Converts a policy's warning thresholds into business-time offsets for one target. */
export function warningThresholds(policy: PolicyEntity, targetSeconds: number): WarningOffset[] {
  return policy.warnings.map((threshold) => {
    if (threshold.percent !== undefined) {
      return {
        key: `warning:p${threshold.percent}`,
        offsetSeconds: Math.round((targetSeconds * threshold.percent) / 100),
      };
    }

    return {
      key: `warning:l${threshold.leadMinutes}`,
      offsetSeconds: Math.max(0, targetSeconds - threshold.leadMinutes! * 60),
    };
  });
}
