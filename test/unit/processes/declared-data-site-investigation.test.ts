// processes/site-investigation.bpmn: the data its notification and ledger record declare equals the
// FEEL expression they stand for (new with the process, LC Art. 13 para 3: no FEEL before it).
import { declaredDataDrift } from '../../helpers/declared-data-drift.ts';

const court = { siteDepartment: '区自然资源局', siteOrganizedByCourt: true, siteInvestigationOn: '2026-05-12', siteInvestigationTime: '09:30', sitePlace: '东昌府区某村', siteInvestigationAt: '2026-05-12T09:30:00+08:00', departmentNotifiedOn: '2026-05-08', departmentAttendees: '王科长', departmentNote: '已电话确认。' };
const agency = { ...court, siteDepartment: '某街道办事处', siteOrganizedByCourt: false, departmentNote: null };

declaredDataDrift('processes/site-investigation.bpmn', [
  {
    element: 's_notify',
    feel: '={department: siteDepartment, organizedByCourt: siteOrganizedByCourt, investigationDate: siteInvestigationOn, investigationTime: siteInvestigationTime, place: sitePlace}',
    samples: [court, agency],
  },
  {
    element: 's_record',
    feel: '={department: siteDepartment, investigationAt: siteInvestigationAt, notifiedOn: departmentNotifiedOn, attendees: departmentAttendees, note: departmentNote}',
    samples: [court, agency],
  },
]);
