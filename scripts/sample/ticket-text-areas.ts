import type { Random } from './random';
import type { Area } from './vocabulary';

/**
 * Short descriptions as end users type them, per workflow area. `{lab}`-style slots are
 * filled from FILLERS so the same question recurs with small differences, like real desks.
 */

const FILLERS: Readonly<Record<string, readonly string[]>> = {
	lab: ['lipid panel', 'CBC', 'A1c', 'CMP', 'TSH', 'urinalysis', 'strep culture', 'vitamin D', 'PSA'],
	med: ['metformin', 'lisinopril', 'amoxicillin', 'atorvastatin', 'albuterol inhaler', 'sertraline', 'insulin glargine'],
	note: ['progress note', 'H&P', 'after visit summary', 'letter to referring provider', 'procedure note'],
	visit: ['new patient visit', 'annual physical', 'post-op visit', 'telehealth visit', 'well child check'],
	payer: ['Medicare', 'Blue Cross', 'Aetna', 'Medicaid', 'United'],
	code: ['99214', '99397', '20610', '93000', '99203', 'G2211'],
	image: ['chest x-ray', 'knee MRI', 'echo', 'DEXA scan', 'abdominal ultrasound'],
	room: ['1', '2', '3', '4', '5', '6', '7', '8', '12']
};

export function fill(template: string, rng: Random): string {
	return template.replace(/\{(\w+)\}/g, (slot: string, name: string) => {
		const options = FILLERS[name];
		return options === undefined ? slot : rng.pick(options);
	});
}

interface AreaTexts {
	howTo: readonly string[];
	breakFix: readonly string[];
	buildRequest: readonly string[];
	/** How a clinic that works differently words its problems. */
	variance: readonly string[];
}

export const AREA_TEXTS: Readonly<Record<Area, AreaTexts>> = {
	scheduling: {
		howTo: [
			'How do I book a {visit} in the new scheduler?',
			'How to move a patient to the wait list?',
			'Where do I see the provider template for next week?',
			'How do I schedule a recurring visit, e.g. weekly injections?'
		],
		breakFix: ['Appointment desk freezes when searching by DOB', 'Cannot cancel appointment - error "slot locked"', 'Reminder calls going out for cancelled visits'],
		buildRequest: ['Need a 40 min slot type for {visit}', 'Please add our second location to the department list', 'Request new visit type for nurse-only visits'],
		variance: [
			'We book follow-ups at checkout from our paper list - how do we do that here?',
			'Our custom visit length is not available, providers overbooked',
			'Front desk lead keeps the overbook list, system will not let us overbook'
		]
	},
	registration: {
		howTo: [
			'How do I update insurance for a returning patient?',
			'Where do I scan the driver license and insurance card?',
			'How to register a newborn under mom?',
			'How do I mark a patient as self-pay?'
		],
		breakFix: ['Eligibility check returns error for {payer}', 'Card scanner image not attaching to the registration', 'Address verification rejects valid addresses'],
		buildRequest: ['Add {payer} plan codes to the registration picklist', 'Need a field for preferred pharmacy at check-in'],
		variance: [
			'We scan insurance at the nurse station - the option is not there',
			'We collect copays at checkout, system forces it at check-in',
			'Walk-ins registered under placeholder, cannot merge later'
		]
	},
	intake: {
		howTo: [
			'How do I reconcile meds in the rooming navigator?',
			'Where do I document vitals for a {visit}?',
			'How to enter a refused vaccine in rooming?',
			'How do I mark the patient as roomed?',
			'Where is the depression screening in intake?'
		],
		breakFix: ['Vitals flowsheet not saving BP', 'Rooming navigator blank after choosing the visit', 'Track board not showing roomed patients'],
		buildRequest: ['Add pediatric growth chart shortcut to rooming', 'Need fall-risk questions added to intake'],
		variance: [
			'We check patients in at the nurse station - cannot arrive them from there',
			'Vitals taken at the hallway kiosk do not flow into rooming',
			'Nurse reconciles meds after the visit but the system wants it at rooming',
			'Our paper intake form has no place in the system'
		]
	},
	documentation: {
		howTo: [
			'How do I create a SmartPhrase for my {note}?',
			'How to sign a note for a {visit}?',
			'Where do I find the note templates for my specialty?',
			'How do I pend a note and finish later?',
			'How to add an addendum to a signed {note}?'
		],
		breakFix: ['Note will not sign - error "required field missing"', 'Dictation not inserting into the {note}', 'SmartText dropped the ROS section'],
		buildRequest: ['Please build a template for {visit}', 'Request specialty SmartPhrase list for our clinic'],
		variance: [
			'Our transcription service notes do not come into the chart',
			'Our clinic dot phrases are missing, documenting from scratch',
			'Scribe cannot document for two providers in one note',
			'APP notes waiting for cosign pile up all week'
		]
	},
	orders: {
		howTo: [
			'How do I order a {lab} with a future date?',
			'How to sign orders pended by the MA?',
			'How do I order {image} at an outside facility?',
			'How to set up a standing order for {lab}?'
		],
		breakFix: ['Order set for {lab} missing CPT code', 'Cannot sign {med} prescription - pharmacy not found', 'Order composer hangs when adding diagnosis'],
		buildRequest: ['Add {lab} to our preference list', 'Request an order panel for annual diabetes labs', 'Need {image} orderable for our outside imaging center'],
		variance: [
			'Nurses place protocol orders but they require provider cosign now',
			'Outside lab needs paper requisitions - cannot print them',
			'Our specialty order panel is not in the order sets'
		]
	},
	results: {
		howTo: ['How do I release a {lab} result to MyChart?', 'Where do I see results from outside labs?', 'How to acknowledge multiple results at once?', 'How do I trend {lab} results?'],
		breakFix: ['{lab} result not filing to the patient chart', 'Result note is not routing to the ordering provider', '{image} report missing from the results tab'],
		buildRequest: ['Want an abnormal results filter in my results view', 'Please add a trend graph for {lab}'],
		variance: [
			'Our outside results come by fax - scanned results are not showing as results',
			'MAs release normal results here, system blocks it',
			'Results go to our shared pool, not the ordering provider'
		]
	},
	inbox: {
		howTo: [
			'How do I forward an inbox message to the nurse pool?',
			'How to set an out-of-office delegate for my inbox?',
			'How do I handle a refill request from the pharmacy?',
			'Where do patient messages go in the new inbox?'
		],
		breakFix: ['Inbox count wrong - messages missing', 'Cannot complete refill request, button greyed out', 'Patient messages stuck in "pending"'],
		buildRequest: ['Please create a shared inbox pool for our triage nurses', 'Request folder for prior authorizations'],
		variance: [
			'Our refill pool is not set up, nurses cannot see refills',
			'Front desk answers patient messages here but cannot see them',
			'Providers delegated inbox to MAs - MAs cannot act on it'
		]
	},
	charge_capture: {
		howTo: [
			'How do I enter the level of service for a {visit}?',
			'Where do I add a procedure charge for {code}?',
			'How to fix a charge I entered on the wrong visit?',
			'How do I see which visits still need charges?'
		],
		breakFix: ['Charge for {code} not dropping after sign', 'Level of service button missing in visit navigator', 'Charge router holding all visits for review'],
		buildRequest: ['Add {code} to our charge capture preference list', 'Need a modifier 25 prompt for procedures'],
		variance: [
			'We use a paper superbill - how do we get charges in at end of day?',
			'Biller enters procedure charges from our log, charges missing',
			'All new-patient charges held for coder review - work queue overflowing'
		]
	},
	billing: {
		howTo: ['How do I resubmit a denied claim to {payer}?', 'Where is the claim edit work queue?', 'How to post a payment from {payer}?', 'How do I send a patient statement?'],
		breakFix: ['Claims for {payer} rejected - missing NPI', 'Claim edit work queue will not load', 'Statements not generating for self-pay'],
		buildRequest: ['Need a denial report by payer', 'Request work queue for {payer} claim edits'],
		variance: ['Our legacy statement vendor is not getting the file', 'Workers comp claims need manual batching - no option', 'Secondary claims must be printed here, no print option']
	}
};

/** Plain-language labels for descriptions that say the cause in words. */
export const AREA_LABELS: Readonly<Record<Area, string>> = {
	scheduling: 'scheduling',
	registration: 'registration / check-in',
	intake: 'rooming',
	documentation: 'notes',
	orders: 'ordering',
	results: 'results review',
	inbox: 'the in-basket',
	charge_capture: 'charge entry',
	billing: 'claims'
};
