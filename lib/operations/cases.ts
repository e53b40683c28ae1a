import crypto from 'node:crypto';
import { z } from 'zod';
import {
  assignableStaff,
  caseEvidenceList,
  findCaseInScope,
  getEvidenceFile,
  insertCaseEvidence,
  listCases,
  lockCasesInScope,
  openCaseOfPerson,
  setCasesAssignee,
  updateCase,
} from '@/db/queries/cases';
import { listsNamingPerson } from '@/db/queries/list-views';
import { personById } from '@/db/queries/persons';
import { findTown } from '@/db/queries/users';
import { birthYearOf, maskIdNumber } from '@/lib/domain/id-number';
import { detectEvidenceType, evidenceProblem } from '@/lib/domain/evidence';
import { defineOperation, notFound, OperationError } from '@/lib/server/operation';
import {
  assignCasesSchema,
  caseIdSchema,
  caseQuerySchema,
  closeCaseSchema,
  reopenCaseSchema,
  updateCaseSchema,
} from '@/lib/schemas/matching';
import { requireAreaScope } from './guards';
import { shanghaiDate } from '@/lib/domain/shanghai-day';

export const listCasesOp = defineOperation({
  name: 'cases.list',
  permission: 'matching.read',
  kind: 'read',
  input: caseQuerySchema,
  handler: ({ user, db }, q) =>
    listCases(
      db,
      requireAreaScope(user),
      {
        status: q.status,
        townCode: q.townCode,
        assigneeId: q.mine ? user.id : undefined,
        overdueOnly: q.overdue,
        openedFrom: q.openedFrom,
        openedTo: q.openedTo,
        closedFrom: q.closedFrom,
        closedTo: q.closedTo,
        page: q.page,
        pageSize: q.pageSize,
      },
      shanghaiDate(),
    ),
});

export const getCaseOp = defineOperation({
  name: 'cases.get',
  permission: 'matching.read',
  kind: 'read',
  input: caseIdSchema,
  async handler({ user, db }, { id }) {
    const c = await findCaseInScope(db, requireAreaScope(user), id);
    if (!c) throw notFound('销号任务');
    const [person, town, evidence, lists, staff] = await Promise.all([
      personById(db, c.personId),
      findTown(db, c.townCode),
      caseEvidenceList(db, id),
      listsNamingPerson(db, c.personId),
      assignableStaff(db, c.townCode),
    ]);
    return {
      case: c,
      person: {
        id: person.id,
        name: person.name,
        maskedId: maskIdNumber(person.idNumber),
        birthYear: birthYearOf(person.birthDate), // not the date: beside the mask it would give the number back
      },
      townName: town?.name ?? '',
      evidence,
      lists,
      staff,
    };
  },
});

export const assignCasesOp = defineOperation({
  name: 'cases.assign',
  permission: 'case.work',
  kind: 'write',
  input: assignCasesSchema,
  async handler({ user, db, audit }, { ids, assigneeId }) {
    const scope = requireAreaScope(user);
    const rows = await lockCasesInScope(db, scope, ids);
    if (rows.length !== new Set(ids).size) throw notFound('部分销号任务');
    for (const c of rows) {
      if (!(await assignableStaff(db, c.townCode)).some((s) => s.id === assigneeId))
        throw new OperationError(400, '所选经办人不负责该任务所在镇街');
    }
    await setCasesAssignee(db, ids, assigneeId);
    for (const c of rows)
      await audit({
        action: 'case.assign',
        entityType: 'case',
        entityId: c.id,
        personId: c.personId,
        before: { assigneeId: c.assigneeId },
        after: { assigneeId },
      });
    return { assigned: rows.length };
  },
});

export const updateCaseOp = defineOperation({
  name: 'cases.update',
  permission: 'case.work',
  kind: 'write',
  input: updateCaseSchema,
  async handler({ user, db, audit }, { id, dueDate, note }) {
    const c = await findCaseInScope(db, requireAreaScope(user), id, true);
    if (!c) throw notFound('销号任务');
    const after = await updateCase(db, id, { dueDate: dueDate ?? c.dueDate, note: note ?? c.note });
    await audit({
      action: 'case.update',
      entityType: 'case',
      entityId: id,
      personId: c.personId,
      before: { dueDate: c.dueDate, note: c.note },
      after: { dueDate: after.dueDate, note: after.note },
    });
    return after;
  },
});

/** Attaches an evidence file (PDF/JPG/PNG ≤ 10 MB, checked by content) to a case. */
export const uploadEvidenceOp = defineOperation({
  name: 'cases.uploadEvidence',
  permission: 'case.work',
  kind: 'write',
  input: z.object({
    caseId: z.coerce.number().int().positive('任务编号有误'),
    file: z.instanceof(File, { message: '请选择证明材料文件' }),
  }),
  async handler({ user, db, audit }, { caseId, file }) {
    const c = await findCaseInScope(db, requireAreaScope(user), caseId, true);
    if (!c) throw notFound('销号任务');
    if (file.size > 10 * 1024 * 1024) throw new OperationError(400, '证明材料不能超过 10 MB');
    const content = Buffer.from(await file.arrayBuffer());
    const problem = evidenceProblem(content);
    if (problem) throw new OperationError(400, problem);
    const sha256 = crypto.createHash('sha256').update(content).digest('hex');
    const row = await insertCaseEvidence(db, {
      caseId,
      fileName: file.name.slice(0, 255) || '证明材料',
      mimeType: detectEvidenceType(content)!,
      sizeBytes: content.length,
      sha256,
      content,
      uploadedBy: user.id,
    });
    await audit({
      action: 'case.evidence_upload',
      entityType: 'case',
      entityId: caseId,
      personId: c.personId,
      after: { evidenceId: row.id, fileName: file.name, sizeBytes: content.length, sha256 },
    });
    return { id: row.id };
  },
});

/** 无需参保: closes a case with a reason from the fixed list; at least one evidence file is required. */
export const closeCaseOp = defineOperation({
  name: 'cases.close',
  permission: 'case.work',
  kind: 'write',
  input: closeCaseSchema,
  async handler({ user, db, audit }, { id, reason, note }) {
    const c = await findCaseInScope(db, requireAreaScope(user), id, true);
    if (!c) throw notFound('销号任务');
    if (c.status !== 'open') throw new OperationError(409, '该任务已销号');
    if ((await caseEvidenceList(db, id)).length === 0)
      throw new OperationError(400, '请先上传至少一份证明材料（PDF、JPG 或 PNG）');
    const after = await updateCase(db, id, {
      status: 'closed',
      closeReason: reason,
      closeNote: note ?? null,
      closedAt: new Date(),
      closedBy: user.id,
    });
    await audit({
      action: 'case.close',
      entityType: 'case',
      entityId: id,
      personId: c.personId,
      before: { status: c.status },
      after: { status: after.status, closeReason: reason, closeNote: note ?? null },
    });
    return after;
  },
});

export const reopenCaseOp = defineOperation({
  name: 'cases.reopen',
  permission: 'case.work',
  kind: 'write',
  input: reopenCaseSchema,
  async handler({ user, db, audit }, { id, note }) {
    const c = await findCaseInScope(db, requireAreaScope(user), id, true);
    if (!c) throw notFound('销号任务');
    if (c.status !== 'closed') throw new OperationError(409, '该任务未销号，无需重新打开');
    const open = await openCaseOfPerson(db, c.personId);
    if (open) throw new OperationError(409, `该人员已有未销号任务（#${open.id}）`);
    const after = await updateCase(db, id, {
      status: 'open',
      closeReason: null,
      closedAt: null,
      closedBy: null,
      note: [c.note, `重新打开：${note}`].filter(Boolean).join('\n'),
    });
    await audit({
      action: 'case.reopen',
      entityType: 'case',
      entityId: id,
      personId: c.personId,
      before: { status: c.status, closeReason: c.closeReason },
      after: { status: after.status, reason: note },
    });
    return after;
  },
});

/** One evidence file of a case in the caller's scope; every download is audited. */
export const getEvidenceOp = defineOperation({
  name: 'cases.evidence',
  permission: 'matching.read',
  kind: 'read', // its only write is the audit row: one statement, no transaction needed
  input: z.object({ id: z.coerce.number().int().positive() }),
  async handler({ user, db, audit }, { id }) {
    const file = await getEvidenceFile(db, requireAreaScope(user), id);
    if (!file) throw notFound('证明材料');
    await audit({
      action: 'download.case_evidence',
      entityType: 'case',
      entityId: file.caseId,
      personId: file.personId,
      after: { evidenceId: file.id, fileName: file.fileName, sizeBytes: file.sizeBytes },
    });
    return file;
  },
});
