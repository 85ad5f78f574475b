import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '$lib/contract/tables';
import { contractDrift, parseContractDoc } from './contract-doc';

const DOC = readFileSync('docs/data-contract.md', 'utf8');
const drift = (markdown: string) => contractDrift(parseContractDoc(markdown));

/** The document with one cell of one table's row changed (or the row removed), however the table is padded. */
function editRow(table: string, column: string, edit: (cells: string[]) => string[] | null): string {
	const lines = DOC.split('\n');
	const start = lines.indexOf(`### ${table}`);
	const at = lines.findIndex((line, i) => i > start && new RegExp(`^\\|\\s*${column}\\s*\\|`).test(line));
	expect(start).toBeGreaterThanOrEqual(0);
	expect(at).toBeGreaterThan(start);
	const cells = lines[at]!.split('|')
		.slice(1, -1)
		.map((c) => c.trim());
	const edited = edit(cells);
	if (edited) lines[at] = `| ${edited.join(' | ')} |`;
	else lines.splice(at, 1);
	return lines.join('\n');
}
const setCell = (table: string, column: string, index: number, value: string) => editRow(table, column, (cells) => cells.map((cell, i) => (i === index ? value : cell)));
const replaced = (from: string, to: string) => {
	expect(DOC).toContain(from);
	return DOC.replace(from, to);
};

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
		// Columns of a table row: column, type, DuckDB type, required, values, what it holds.
		const cases: [string, string][] = [
			[setCell('tickets', 'priority', 4, '1..4'), 'tickets.priority values: doc "1..4"; code "1..5"'],
			[setCell('training', 'score', 1, 'integer'), 'training.score type: doc "integer"; code DOUBLE'],
			[setCell('training', 'score', 2, 'INTEGER'), 'training.score DuckDB type: doc "INTEGER"; code DOUBLE'],
			[setCell('clinics', 'go_live_date', 3, 'no'), 'clinics.go_live_date required: doc "no"; code yes'],
			[setCell('training', 'role', 4, ''), 'training.role values: doc ""; code "`ROLES`"'],
			[
				editRow('billing', 'denied', () => null),
				'billing columns: doc encounter_id, clinic_id, date_of_service, charge_posted_on, claim_submitted_on; code encounter_id, clinic_id, date_of_service, charge_posted_on, claim_submitted_on, denied'
			],
			[
				replaced('`manager`, `other`', '`manager`, `other`, `scribe`'),
				'vocabulary ROLES: doc front_desk, medical_assistant, nurse, physician, advanced_practice, biller, coder, manager, other, scribe; code front_desk, medical_assistant, nurse, physician, advanced_practice, biller, coder, manager, other'
			],
			[replaced('### Root causes (`ROOT_CAUSES`)', '### Root causes'), 'vocabulary ROOT_CAUSES: in code, not in the doc'],
			[replaced('Key: `user_id`, `workflow_area`.', 'Key: `user_id`.'), 'training key: doc user_id; code user_id, workflow_area']
		];
		for (const [markdown, message] of cases) expect(drift(markdown)).toContain(message);
	});
});
