// processes/retrial.bpmn hands its documents, notices and ledger events to called processes: it
// builds no data variable itself, and none may come back as an expression.
import { describeDeclaredData } from '../../helpers/declared-data-drift.ts';

describeDeclaredData('retrial', []);
