import { auditOperations } from './audit';
import { getPerson, listPersons, revealIdNumber, saveEnrollment } from './persons';
import { userOperations } from './users';
import { workstationHome } from './workstation';

/** Every server entry point's operation, for the role-matrix test. */
export const ALL_OPERATIONS = [listPersons, getPerson, revealIdNumber, saveEnrollment, workstationHome, ...userOperations, ...auditOperations];
