import { csvFile } from './fixture';

/**
 * A go-live small enough to compute by hand (the expected figures in the tests are
 * worked out in comments there). Clinic B goes live on a Wednesday on purpose.
 */
export const SMALL_GO_LIVE = [
	csvFile('clinics', [
		'clinic_id,clinic_name,site,specialty,go_live_date,providers',
		'A,Alder Family Medicine,S1,primary_care,2026-03-02,3',
		'B,Birch Cardiology,S1,cardiology,2026-03-04,2',
		'C,"Cedar Peds, North",S2,pediatrics,2026-03-16,4'
	]),
	csvFile('training', [
		'user_id,clinic_id,role,workflow_area,completed_on,score',
		'UA1,A,physician,orders,2026-02-20,90',
		'UA1,A,physician,documentation,2026-02-21,85',
		'UA2,A,nurse,intake,,',
		'UA3,A,front_desk,scheduling,2026-02-25,70',
		'UA4,A,biller,billing,2026-02-26,88',
		'UB1,B,physician,orders,2026-02-27,92',
		'UB2,B,front_desk,registration,,',
		'UC1,C,physician,orders,2026-03-01,80',
		'UC2,C,nurse,intake,2026-03-02,75',
		'UC3,C,medical_assistant,intake,2026-03-03,81',
		'UC4,C,front_desk,scheduling,2026-03-04,66',
		'UC5,C,coder,charge_capture,2026-03-05,90'
	]),
	csvFile('workflow_variance', [
		'clinic_id,workflow_area,description,status,reconciled_on',
		'A,intake,Rooms patients at the nurse station,unreconciled,',
		'C,scheduling,Books follow-ups on paper,reconciled,2026-03-10'
	]),
	csvFile('tickets', [
		'ticket_id,opened_at,resolved_at,updated_at,clinic_id,reporter_id,category,workflow_area,priority,status,assignment_group,short_description,source_system',
		'T1,2026-03-02 09:00:00,2026-03-02 19:00:00,2026-03-02 19:00:00,A,UA2,how_to,intake,3,resolved,Service Desk,"Where is the vitals flowsheet?",SN',
		'T2,2026-03-03 10:00:00,2026-03-05 10:00:00,2026-03-05 10:00:00,A,UA1,break_fix,orders,2,resolved,EHR Ambulatory,"Order composer, crashes",SN',
		'T3,2026-03-10 08:00:00,,2026-03-10 08:00:00,A,UA3,how_to,scheduling,4,open,Service Desk,<b>bold</b>,SN',
		'T4,2026-03-04 12:00:00,2026-03-12 12:00:00,2026-03-12 12:00:00,B,UB2,access,,3,closed,Security & Access,Cannot log in,JIRA',
		'T5,2026-03-11 12:00:00,2026-03-11 14:00:00,2026-03-11 14:00:00,B,UB1,how_to,orders,4,resolved,Service Desk,How to sign orders,JIRA',
		'T6,2026-03-13 09:00:00,2026-03-20 09:00:00,2026-03-20 09:00:00,C,UC4,other,scheduling,5,resolved,Service Desk,Question before go-live,SN',
		'T7,2026-03-24 09:00:00,,2026-03-24 09:00:00,C,UC2,how_to,intake,3,in_progress,Service Desk,Intake navigator,SN'
	]),
	csvFile('throughput', ['date,clinic_id,provider_id,scheduled_visits,completed_visits', '2026-02-23,A,UA1,20,18', '2026-03-02,A,UA1,14,12']),
	csvFile('billing', ['encounter_id,clinic_id,date_of_service,charge_posted_on,claim_submitted_on,denied', 'E1,A,2026-02-23,2026-02-24,2026-02-27,false', 'E2,A,2026-03-02,2026-03-06,,'])
];
