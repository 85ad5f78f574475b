/**
 * What the loaded data cannot support on the Actions page, and what the page says when it lists
 * no action: "nothing explains excess tickets" is a finding only for the causes that were measured.
 * With only tickets loaded nothing was, and a leader reading "no action" would take it as all clear.
 */
import { count, fixed } from '$lib/format';
import type { PlainRow } from '$lib/results/plain-rows';

/** One kind of action the data cannot support now, and why; `assessed` is false when it could not be measured at all. */
export interface ActionLimit {
	readonly kind: string;
	readonly why: string;
	readonly assessed: boolean;
}

/** The kinds of action the data cannot support now (from actionContext's counts), and what would enable each. */
export function actionLimits(context: PlainRow): ActionLimit[] {
	const n = (key: string) => Number(context[key] ?? 0);
	const out: ActionLimit[] = [];
	const add = (kind: string, why: string) => out.push({ kind, why, assessed: !/^Not (assessed|measured)\b/.test(why) });
	const roster = n('roster_rows') > 0;
	const register = n('variance_rows') > 0;
	const areas = n('workflow_tickets') > 0;
	if (n('clinics_dated') === 0)
		out.push({
			kind: 'Every action',
			why: 'No clinic has a go-live date: weeks since go-live, peers and the projection ahead all need the clinic list with go-live dates.',
			assessed: false
		});
	if (!register || !roster)
		add(
			'Reconcile a workflow variance',
			`Not assessed: needs the workflow-variance register (clinic, area, status, reconciled on)${register ? '' : ' — none is loaded'} and the training roster${roster ? '' : ' — none is loaded'}, whose users per clinic and area are what peer clinics' expected tickets are measured on.`
		);
	else if (!areas) add('Reconcile a workflow variance', 'Not assessed: no how-to, break-fix or build-request ticket carries a workflow area.');
	else if (n('variances_active') === 0) add('Reconcile a workflow variance', 'None: no variance in the register is still unreconciled.');
	else if (n('variances_significant') === 0)
		add('Reconcile a workflow variance', `None: ${count(n('variances_active'))} variances are unreconciled, but none shows significantly more tickets than peer clinics.`);
	if (!roster) add('Train untrained users', 'Not assessed: needs the training roster (user, clinic, workflow area, completed on) and tickets with a reporter and a workflow area.');
	else if (context.training_significant !== true)
		add(
			'Train untrained users',
			`None: untrained users do not raise significantly more how-to tickets than trained ones (rate ratio ${fixed(context.training_rr, 2)}, 95% interval includes 1).`
		);
	if (!roster || !areas)
		add(
			'Fix a build defect',
			'Not assessed: defects are found as one area spiking in many clinics at once, against expected counts per roster user; needs the training roster and workflow areas on tickets.'
		);
	else if (n('incidents') === 0) add('Fix a build defect', 'None: no area spiked in many clinics in the same week.');
	if (n('conversion_tickets') === 0) add('Clean up converted data', 'Not measured: no ticket has the data_conversion category or a description that names conversion or the legacy system.');
	return out;
}

/** What the page says when no action is listed: never "nothing to do" for causes it could not measure. */
export function noActionText(limits: readonly ActionLimit[]): string {
	if (limits.some((l) => l.kind === 'Every action'))
		return 'No action can be ranked: without go-live dates no cause can be measured against peer clinics, so this is not a finding that nothing needs doing (see what the data cannot support, below).';
	const unmeasured = limits.filter((l) => !l.assessed).map((l) => l.kind.toLowerCase());
	if (unmeasured.length > 0)
		return `No action in scope among the causes the data can measure: none explains excess tickets in the last two complete weeks. Not assessed: ${unmeasured.join(', ')} (see below).`;
	return 'No action in scope: no measured cause explains excess tickets in the last two complete weeks.';
}
