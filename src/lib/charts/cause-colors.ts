import { ROOT_CAUSES, type RootCause } from '$lib/contract/vocabulary';

/** One colour per root cause on every chart, so a cause reads the same everywhere. */
export const CAUSE_COLORS: Readonly<Record<RootCause, string>> = {
	workflow_variance: '#d95f02',
	missed_training: '#7570b3',
	build_defect: '#e7298a',
	data_conversion: '#66a61e',
	access_provisioning: '#e6ab02',
	technical: '#1b9e77',
	unattributed: '#b3b3b3'
};

export const CAUSE_ORDER: readonly string[] = ROOT_CAUSES;

export const CAUSE_LABELS: Readonly<Record<RootCause, string>> = {
	workflow_variance: 'Workflow variance',
	missed_training: 'Missed training',
	build_defect: 'Build defect',
	data_conversion: 'Data conversion',
	access_provisioning: 'Access provisioning',
	technical: 'Technical',
	unattributed: 'Unattributed'
};
