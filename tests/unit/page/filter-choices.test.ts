import { describe, expect, it } from 'vitest';
import { loadFilterChoices } from '$lib/page/filter-choices';
import { csvFile, engineWith } from '../helpers/fixture';
import { SMALL_GO_LIVE } from '../helpers/small-go-live';

const TICKET_HEADER = 'ticket_id,opened_at,resolved_at,updated_at,clinic_id,reporter_id,category,workflow_area,priority,status,assignment_group,short_description,source_system';

describe('filter choices', () => {
	it('list the clinic list in go-live order', async () => {
		const engine = await engineWith(SMALL_GO_LIVE);
		const choices = await loadFilterChoices(engine);
		expect(choices.clinics.map((c) => [c.id, c.site, c.goLive])).toEqual([
			['A', 'S1', '2026-03-02'],
			['B', 'S1', '2026-03-04'],
			['C', 'S2', '2026-03-16']
		]);
		await engine.close();
	});

	it('offer the clinics of a ticket export alone (no clinic list), without site or go-live', async () => {
		const engine = await engineWith([
			csvFile('tickets', [
				TICKET_HEADER,
				'T1,2026-03-02 09:00:00,,2026-03-02 09:00:00,Location 7,U1,other,,3,open,SD,x,SN',
				'T2,2026-03-03 09:00:00,,2026-03-03 09:00:00,Location 12,U1,other,,3,open,SD,x,SN',
				'T3,2026-03-04 09:00:00,,2026-03-04 09:00:00,Location 7,U1,other,,3,open,SD,x,SN'
			])
		]);
		const choices = await loadFilterChoices(engine);
		expect(choices.clinics).toEqual([
			// Natural order: Location 7 before Location 12.
			{ id: 'Location 7', name: 'Location 7', site: '(no site)', goLive: '' },
			{ id: 'Location 12', name: 'Location 12', site: '(no site)', goLive: '' }
		]);
		expect(choices.span).toEqual({ first: '2026-03-02', last: '2026-03-04' });
		await engine.close();
	});
});
