import { z } from 'zod';
import { isCalendarDate } from '@/lib/domain/catalog';

/** Field builders shared by the input schemas, so one kind of field gets one message everywhere. */

/** A positive integer id from a form or a URL ('12' → 12). */
export const idField = (what: string) =>
  z.coerce
    .number({ message: `${what}编号有误` })
    .int(`${what}编号有误`)
    .positive(`${what}编号有误`);

/** For z.preprocess: an empty form or query value counts as not given. */
export const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/** A real calendar day 'YYYY-MM-DD' (2026-02-30 is refused). */
export const dayField = (label: string, missing = `请选择${label}`) =>
  z
    .string({ message: missing })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine(isCalendarDate, `${label}不是有效日期`);
