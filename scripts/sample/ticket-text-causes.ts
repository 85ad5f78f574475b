import type { Area } from './vocabulary';

/** Descriptions of the tickets whose cause lies outside one workflow area's daily use. */

export const ACCESS_TEXTS: readonly string[] = [
	'Cannot log in - account locked',
	'Missing security class, cannot open patient charts',
	'New hire needs EHR access',
	'Password reset not working on the go-live day',
	'Login works but no clinic department listed',
	'Badge tap login not set up at workstation',
	'Cannot see the schedule, access denied',
	'Need e-prescribing of controlled substances token'
];

export const HARDWARE_TEXTS: readonly string[] = [
	'Label printer in lab draw printing blank labels',
	'Check-in scanner not detected',
	'Signature pad at front desk not working',
	'Wristband printer jammed',
	'Printer in exam room {room} not mapped',
	'Workstation on wheels will not connect to Wi-Fi',
	'Second monitor not detected at nurse station',
	'Barcode scanner does not scan med labels'
];

export const INTERFACE_TEXTS: readonly string[] = [
	'Outside lab results not crossing over (HL7)',
	'Reference lab orders not transmitting',
	'Immunization registry submission failed',
	'E-prescriptions stuck in "pending transmission"',
	'Clearinghouse rejected claim batch file',
	'Imaging reports not interfacing from radiology'
];

export const OUTAGE_TEXT = 'HL7 lab results interface down - no results filing since this morning';

export const CONVERSION_TEXTS: Readonly<Partial<Record<Area, readonly string[]>>> = {
	documentation: [
		'Allergy list not converted from legacy system',
		'Duplicate problem list entries after conversion',
		'Home medications missing after conversion',
		'Immunization history did not convert',
		'Converted medication list shows wrong doses'
	],
	registration: ['Patient demographics converted with wrong address', 'Insurance converted to the wrong plan after conversion'],
	scheduling: ['Future appointments missing after conversion', 'Converted appointments booked to the wrong provider'],
	results: ['Historical labs not converted from legacy system', 'Converted results missing reference ranges'],
	billing: ['Legacy AR balances not converted', 'Patient balance doubled after conversion'],
	orders: ['Standing orders did not convert from the old system']
};

/** Areas where converted data surfaces, with how often each is reported. */
export const CONVERSION_AREAS: readonly (readonly [Area, number])[] = [
	['documentation', 4],
	['registration', 2],
	['scheduling', 2],
	['results', 1.5],
	['billing', 1],
	['orders', 0.5]
];

/**
 * Tickets logged as `other` whose words alone say the cause, so that attribution from free
 * text has something to find. `{area}` is the area's plain label, `{variance}` the register entry.
 */
export const EVIDENCE_TEXTS = {
	missed_training: [
		'Never got trained on {area} - can someone walk me through it?',
		'Missed the class for {area}, no idea how to do this',
		'I was out for training week, how does {area} work now?'
	],
	workflow_variance: ['Our clinic does it differently: {variance}. System does not allow it', 'Workflow here does not match the build ({variance})'],
	build_defect: ['Whole clinic getting the same error in {area} since this morning', 'Something broke in {area} after last night'],
	data_conversion: ["Patient's info from the old system is wrong or missing", 'Old chart data did not come over for several patients'],
	access_provisioning: ["Can't get in since Monday, says my account is not active", 'Started this week and have no login yet'],
	technical: ['The thing that prints the stickers at check-in stopped working', 'Lab results not coming across from the outside lab'],
	unattributed: ['Please call me back about the new system', 'Question about the EHR', 'Need help ASAP', 'See attached screenshot', 'Follow up on my earlier ticket']
} as const;
