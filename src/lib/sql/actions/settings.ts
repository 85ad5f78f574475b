/** The action list's windows, in one place so the page and docs/methods.md can state them. */
export const ACTION_SETTINGS = {
	/** "Now": the excess per week is measured over this many complete weeks before the data's last day. */
	nowWeeks: 2,
	/** "If done now": tickets removed are projected over this many weeks from the Monday after them. */
	aheadWeeks: 4
} as const;

/** The kinds of action, in the order the page explains them. */
export const ACTION_KINDS = ['reconcile_variance', 'train_users', 'fix_defect', 'clean_conversion'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
