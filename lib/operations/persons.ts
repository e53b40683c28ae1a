import { autoCloseEnrolledCases, casesOfPerson } from '@/db/queries/cases';
import { upsertEnrollment } from '@/db/queries/enrollments';
import { listsNamingPerson } from '@/db/queries/list-views';
import { findPersonInScope, getPersonDetail, listPeople } from '@/db/queries/persons';
import { defineOperation, notFound } from '@/lib/server/operation';
import { enrollmentInputSchema, personIdSchema, personListQuerySchema } from '@/lib/schemas/persons';
import { requireAreaScope } from './guards';

export const listPersons = defineOperation({
  name: 'persons.list',
  permission: 'person.list',
  kind: 'read',
  input: personListQuerySchema,
  handler: ({ user, db }, q) => listPeople(db, requireAreaScope(user), q),
});

export const getPerson = defineOperation({
  name: 'persons.get',
  permission: 'person.read',
  kind: 'read',
  input: personIdSchema,
  async handler({ user, db }, { id }) {
    const detail = await getPersonDetail(db, requireAreaScope(user), id);
    if (!detail) throw notFound('人员');
    const [lists, personCases] = await Promise.all([listsNamingPerson(db, id), casesOfPerson(db, id)]);
    return { ...detail, lists, cases: personCases };
  },
});

/** Shows a whole ID number and the whole birth date (elsewhere only the year); every such view is logged. */
export const revealIdNumber = defineOperation({
  name: 'persons.revealId',
  permission: 'person.reveal_id',
  // Its only write is the audit row, committed before the answer: as a read it takes no request key,
  // so the whole number is never kept as a stored answer (request_keys) — a repeat is another audited view.
  kind: 'read',
  input: personIdSchema,
  async handler({ user, db, audit }, { id }) {
    const person = await findPersonInScope(db, requireAreaScope(user), id);
    if (!person) throw notFound('人员');
    await audit({ action: 'person.reveal_id', entityType: 'person', entityId: id, personId: id });
    return { idNumber: person.idNumber, birthDate: person.birthDate };
  },
});

export const saveEnrollment = defineOperation({
  name: 'enrollments.save',
  permission: 'enrollment.write',
  kind: 'write',
  input: enrollmentInputSchema,
  async handler({ user, db, audit }, input) {
    const person = await findPersonInScope(db, requireAreaScope(user), input.personId);
    if (!person) throw notFound('人员');
    const { before, after } = await upsertEnrollment(db, input);
    for (const closed of await autoCloseEnrolledCases(db, [person.id])) {
      await audit({
        action: 'case.auto_close',
        entityType: 'case',
        entityId: closed.id,
        personId: person.id,
        after: { closeReason: 'enrolled', enrollmentId: after.id },
      });
    }
    await audit({
      action: before ? 'enrollment.update' : 'enrollment.create',
      entityType: 'enrollment',
      entityId: after.id,
      personId: person.id,
      before,
      after,
    });
    return after;
  },
});
