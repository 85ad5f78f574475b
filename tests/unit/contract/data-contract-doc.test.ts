import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '$lib/contract/tables';
import { contractDrift, parseContractDoc } from './contract-doc';

const DOC = readFileSync('docs/data-contract.md', 'utf8');
const drift = (markdown: string) => contractDrift(parseContractDoc(markdown));

describe('docs/data-contract.md agrees with src/lib/contract', () => {
	it('reads every table, column and vocabulary of the document', () => {
		const doc = parseContractDoc(DOC);
		expect(doc.tables.map((t) => t.name)).toEqual([...TABLE_NAMES]);
		expect(doc.tables.reduce((n, t) => n + t.columns.length, 0)).toBe(40);
		expect([...doc.vocabularies.keys()].sort()).toEqual(['ROLES', 'ROOT_CAUSES', 'TICKET_CATEGORIES', 'VARIANCE_STATUSES', 'WORKFLOW_AREAS']);
	});

	it('has no difference from the code in tables, columns, types, keys, ranges or vocabularies', () => {
		expect(drift(DOC)).toEqual([]);
	});

	it('names each kind of drift, in either direction', () => {
		const cases: [string, string, string][] = [
			['| priority | integer | INTEGER | no | 1..5 |', '| priority | integer | INTEGER | no | 1..4 |', 'tickets.priority values: doc "1..4"; code "1..5"'],
			['| score | number | DOUBLE |', '| score | integer | DOUBLE |', 'training.score type: doc "integer"; code DOUBLE'],
			['| go_live_date | date | DATE | yes |', '| go_live_date | date | DATE | no |', 'clinics.go_live_date required: doc "no"; code yes'],
			[
				'| denied | boolean | BOOLEAN | no | | the claim was denied on first pass |\n',
				'',
				'billing columns: doc encounter_id, clinic_id, date_of_service, charge_posted_on, claim_submitted_on; code encounter_id, clinic_id, date_of_service, charge_posted_on, claim_submitted_on, denied'
			],
			[
				'`manager`, `other`',
				'`manager`, `other`, `scribe`',
				'vocabulary ROLES: doc front_desk, medical_assistant, nurse, physician, advanced_practice, biller, coder, manager, other, scribe; code front_desk, medical_assistant, nurse, physician, advanced_practice, biller, coder, manager, other'
			],
			['### Root causes (`ROOT_CAUSES`)', '### Root causes', 'vocabulary ROOT_CAUSES: in code, not in the doc'],
			['Key: `user_id`, `workflow_area`.', 'Key: `user_id`.', 'training key: doc user_id; code user_id, workflow_area'],
			['| role | text | VARCHAR | no | `ROLES` |', '| role | text | VARCHAR | no | |', 'training.role values: doc ""; code "`ROLES`"']
		];
		for (const [from, to, message] of cases) {
			expect(DOC).toContain(from);
			expect(drift(DOC.replace(from, to))).toContain(message);
		}
	});
});
