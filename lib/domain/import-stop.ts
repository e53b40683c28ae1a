/**
 * The stop when rows fail alike: a wrong column mapping or a file of another shape makes most rows
 * fail for one reason. Rather than "completed, every row rejected", the import stops before it
 * writes anything and says why. Pure.
 *
 * Rule: when the rows failing for one reason are at least STOP_MIN_ROWS and at least STOP_SHARE of
 * the rows read so far — judged while reading once EARLY_CHECK_ROWS rows are read (a large file
 * stops early), and at the end of the file; at the end also when every row of the file failed (a
 * small file: fewer rows than STOP_MIN_ROWS).
 */
import { FIELD_LABELS, type Field } from './import-headers';

export const STOP_MIN_ROWS = 50;
export const STOP_SHARE = 0.2;
/** Rows read before the share is judged while reading (a list sorted by village may start with one
 *  clerk's bad rows); the end of the file is always judged. */
export const EARLY_CHECK_ROWS = 1000;

/** Why one row failed: a code that groups alike failures (`field.kind`) and the Chinese message. */
export interface RowProblem {
  code: string;
  message: string;
}

export interface AlikeStop {
  code: string;
  /** The field the reason is about (from the code), when it names one. */
  field: Field | null;
  count: number;
  rows: number;
  /** The message of the first row that failed so. */
  example: string;
  /** Chinese, shown next to the column mapping. */
  message: string;
}

const fieldOf = (code: string): Field | null => {
  const f = code.split('.')[0];
  return f in FIELD_LABELS ? (f as Field) : null;
};

export class AlikeFailures {
  private readonly byCode = new Map<string, { count: number; example: string }>();
  /** Data rows read (failed or not). */
  rows = 0;
  /** Data rows with at least one problem. */
  failedRows = 0;

  /** One data row: its problems (none for a good row). Each code counts once per row. */
  addRow(problems: readonly RowProblem[]): void {
    this.rows += 1;
    if (problems.length === 0) return;
    this.failedRows += 1;
    const seen = new Set<string>();
    for (const p of problems) {
      if (seen.has(p.code)) continue;
      seen.add(p.code);
      this.add(p.code, 1, p.message);
    }
  }

  /** Rows found failing later (by the database step), all for one reason; they were counted as rows already. */
  add(code: string, count: number, example: string): void {
    const hit = this.byCode.get(code);
    if (hit) hit.count += count;
    else this.byCode.set(code, { count, example });
  }

  private top(): { code: string; count: number; example: string } | null {
    let best: { code: string; count: number; example: string } | null = null;
    for (const [code, v] of this.byCode) if (!best || v.count > best.count) best = { code, ...v };
    return best;
  }

  /** While reading: the reason that stops the import now, or null. */
  check(): AlikeStop | null {
    return this.rows >= EARLY_CHECK_ROWS ? this.judge() : null;
  }

  private judge(): AlikeStop | null {
    const top = this.top();
    if (!top || top.count < STOP_MIN_ROWS || top.count < STOP_SHARE * this.rows) return null;
    return this.stop(top);
  }

  /** At the end of the file. */
  final(): AlikeStop | null {
    const now = this.judge();
    if (now) return now;
    const top = this.top();
    const everyRowFailed = this.rows > 0 && (this.failedRows === this.rows || (top?.count ?? 0) >= this.rows);
    return top && everyRowFailed ? this.stop(top) : null;
  }

  private stop(top: { code: string; count: number; example: string }): AlikeStop {
    const field = fieldOf(top.code);
    const share = Math.round((top.count / Math.max(this.rows, 1)) * 100);
    const hint = field ? `请检查“${FIELD_LABELS[field]}”列的对应关系和该列内容` : '请检查列的对应关系和文件内容';
    return {
      code: top.code,
      field,
      count: top.count,
      rows: this.rows,
      example: top.example,
      message:
        `导入已停止，未写入任何数据：已读取的 ${this.rows.toLocaleString('en-US')} 行中有 ${top.count.toLocaleString('en-US')} 行（${share}%）` +
        `因同一原因无法导入——${top.example}。${hint}后重新导入。`,
    };
  }
}
