/**
 * Dates that cannot come before another of the same row. A ticket resolved before it was
 * opened would enter the time to resolve as a negative number of hours and pull the median
 * and p90 down; a charge or claim before the visit it bills would shorten the billing lag.
 * Such rows are rejected with their reason, like a value that does not parse.
 */
import type { TableName } from '$lib/contract/tables';

export interface OrderRule {
	/** The column that must not be earlier... */
	readonly later: string;
	/** ...than this one. */
	readonly earlier: string;
}

export const ORDER_RULES: Readonly<Partial<Record<TableName, readonly OrderRule[]>>> = {
	tickets: [{ later: 'resolved_at', earlier: 'opened_at' }],
	billing: [
		{ later: 'charge_posted_on', earlier: 'date_of_service' },
		{ later: 'claim_submitted_on', earlier: 'date_of_service' }
	]
};
