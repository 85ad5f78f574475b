import { describe, expect, it } from 'vitest';
import { DEFAULT_RECOVERY_SETTINGS, RecoverySettingsSchema } from '$lib/recovery/settings';

describe('recovery settings', () => {
	it('default to the documented rules', () => {
		expect(DEFAULT_RECOVERY_SETTINGS).toMatchObject({
			baselineWeeks: 8,
			productivityThreshold: 0.95,
			recoveryWeeks: 2,
			lagThresholdDays: 7,
			lagRecoveryRatio: 1.2,
			maturityDays: 14,
			steadyWeeks: 8,
			steadyFrom: 6,
			stabilizationZ: 2.5,
			stabilizationWeeks: 2
		});
	});

	it('fill what a partial object leaves out', () => {
		expect(RecoverySettingsSchema.parse({ baselineWeeks: 4 })).toEqual({ ...DEFAULT_RECOVERY_SETTINGS, baselineWeeks: 4 });
	});

	it.each([
		[{ baselineWeeks: 0 }, 'baselineWeeks'],
		[{ baselineWeeks: 2.5 }, 'baselineWeeks'],
		[{ productivityThreshold: 95 }, 'productivityThreshold'],
		[{ steadyWeeks: 1 }, 'steadyWeeks'],
		[{ stabilizationZ: 0 }, 'stabilizationZ'],
		[{ postFrom: 6, postTo: 2 }, 'postTo'],
		[{ targetWeek: 10, slowAfterWeek: 8 }, 'slowAfterWeek'],
		[{ lagThresholdDays: '7' }, 'lagThresholdDays']
	])('reject %j', (input, path) => {
		const parsed = RecoverySettingsSchema.safeParse(input);
		expect(parsed.success).toBe(false);
		expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain(path);
	});
});
