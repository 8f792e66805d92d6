// processes/retrial.bpmn hands its documents, notices and ledger events to called processes: it
// builds no data variable itself, and none may come back as an expression.
import { declaredDataDrift } from '../../helpers/declared-data-drift.ts';

declaredDataDrift('processes/retrial.bpmn', []);
