import { z } from 'zod';
import { blankToUndefined as blank } from './fields';

const json = (v: unknown) => {
  if (typeof v !== 'string') return v;
  if (v === '') return undefined;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};

/** The header row and column mapping the user confirmed in the preview (JSON in the query string). */
export const confirmedHeaderSchema = z.preprocess(
  json,
  z.object(
    {
      headerRowNo: z.number().int().min(1, '表头行号有误'),
      mapping: z.record(z.string(), z.number().int().min(0).max(199)),
      ignored: z.array(z.number().int().min(0).max(199)).max(200).default([]),
    },
    { message: '列对应关系有误' },
  ),
);

export const uploadIdField = z.string({ message: '缺少上传文件编号' }).uuid('上传文件编号有误');

export const defaultYearField = z.preprocess(
  blank,
  z.coerce
    .number({ message: '默认年度有误' })
    .int('默认年度有误')
    .min(2000, '默认年度有误')
    .max(2100, '默认年度有误')
    .optional(),
);

export const importKindField = z.enum(['list', 'registry', 'assistance'], { message: '导入类型有误' });
