'use client';

import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Collapse, Form, Select, Space, Table, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import type { HeaderQuestion } from '@/lib/domain/header-recognition';
import { FIELD_LABELS } from '@/lib/domain/import-headers';
import type { AlikeStop } from '@/lib/domain/import-stop';
import type { ImportPreview } from '@/lib/import/preview';
import { ImportColumnsTable } from './ImportColumnsTable';
import { ImportSampleTable } from './ImportSampleTable';
import type { Decision, Decisions, ImportPreviewState } from './useImportPreview';

type PreviewHeader = NonNullable<ImportPreview['header']>;

const list = (items: string[]) => (
  <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
    {items.map((t, i) => (
      <li key={i}>{t}</li>
    ))}
  </ul>
);

/** Whether the user has answered a question (every column in it chosen; a missing field given a column). */
function answered(q: HeaderQuestion, decisions: Decisions): boolean {
  if (q.kind === 'conflict') return q.columns.every((c) => decisions[c] !== undefined);
  if (q.kind === 'low_confidence') return decisions[q.column] !== undefined;
  return Object.values(decisions).includes(q.field);
}

/** The file's first rows as they are, to see (or choose) the header row. */
function RawRows({ preview, headerRowNo }: { preview: ImportPreview; headerRowNo: number | null }) {
  const width = Math.max(0, ...preview.rows.map((r) => r.cells.length));
  const titles = new Set(preview.header?.titleRows.map((t) => t.rowNo));
  const style = (rowNo: number): CSSProperties =>
    rowNo === headerRowNo
      ? { background: '#e6f4ff', fontWeight: 600 }
      : titles.has(rowNo) || (headerRowNo != null && rowNo < headerRowNo)
        ? { color: '#8c8c8c' }
        : {};
  return (
    <Table<ImportPreview['rows'][number]>
      data-testid="import-raw-rows"
      size="small"
      rowKey="rowNo"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={preview.rows}
      onRow={(r) => ({ style: style(r.rowNo) })}
      columns={[
        {
          title: '行号',
          dataIndex: 'rowNo',
          width: 60,
          render: (n: number) => (n === headerRowNo ? <Tag color="blue">表头 {n}</Tag> : n),
        },
        ...Array.from({ length: width }, (_, i) => ({
          title: `第 ${i + 1} 列`,
          key: i,
          render: (_: unknown, r: { cells: string[] }) => r.cells[i] ?? '',
        })),
      ]}
    />
  );
}

/** Where the header is: the rows found (and the title rows skipped above it), or a request to pick it. */
function HeaderRow({ state, preview }: { state: ImportPreviewState; preview: ImportPreview }) {
  const { header, detected } = preview;
  const found = detected != null && header != null && detected.headerRowNo === header.headerRowNo;
  const rows =
    found && detected.firstRowNo < header.headerRowNo
      ? `第 ${detected.firstRowNo}–${header.headerRowNo} 行`
      : `第 ${header?.headerRowNo} 行`;
  const picker = (
    <Form.Item label="表头所在行" style={{ marginBottom: 0 }} extra="表头及其上方的行不导入">
      <Select
        aria-label="表头所在行"
        style={{ width: 140 }}
        placeholder="请选择"
        value={state.headerRowNo ?? undefined}
        disabled={state.busy}
        options={preview.rows.map((r) => ({ value: r.rowNo, label: `第 ${r.rowNo} 行`, title: `第 ${r.rowNo} 行` }))}
        onChange={(n: number) => void state.chooseHeaderRow(n)}
      />
    </Form.Item>
  );
  const rawRows = (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {picker}
      <RawRows preview={preview} headerRowNo={state.headerRowNo} />
    </Space>
  );
  const titleRows = header && header.titleRows.length > 0 && (
    <>
      表头上方的 {header.titleRows.length} 行是标题或说明，不导入：
      {list(header.titleRows.map((t) => `第 ${t.rowNo} 行：${t.text || '（空行）'}`))}
    </>
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {found ? (
        <Alert type="info" showIcon title={`识别到表头：${rows}`} description={titleRows || '表头上方没有标题行。'} />
      ) : header ? (
        <Alert type="info" showIcon title={`表头：${rows}（由您指定）`} description={titleRows || undefined} />
      ) : (
        <Alert
          type="warning"
          showIcon
          title="未能自动识别表头"
          description="请在下面文件的前几行中找到列名所在的行（表头），在“表头所在行”中选择它；身份证号已打码显示。"
        />
      )}
      {detected ? (
        <Collapse
          size="small"
          items={[
            {
              key: 'rows',
              label: `查看文件前 ${preview.rows.length} 行（原样，身份证号已打码），或改选表头所在行`,
              children: rawRows,
            },
          ]}
        />
      ) : (
        rawRows
      )}
    </Space>
  );
}

/** The stop of the last import: why, and which column holds the field it stopped on. */
function StopAlert({
  stop,
  header,
  decisions,
}: {
  stop: AlikeStop;
  header: PreviewHeader | null;
  decisions: Decisions;
}) {
  const col = stop.field ? header?.columns.find((c) => decisions[c.index] === stop.field) : undefined;
  const where = stop.field
    ? col
      ? `“${FIELD_LABELS[stop.field]}”现在对应第 ${col.index + 1} 列“${col.header}”（表中标红）：请确认这一列是否选对，改正后刷新预览，再重新导入。`
      : `请为“${FIELD_LABELS[stop.field]}”选定正确的列，刷新预览后重新导入。`
    : '请检查各列的对应关系，刷新预览后重新导入。';
  return (
    <Alert
      type="error"
      showIcon
      data-testid="import-stop"
      title={
        stop.field
          ? `导入已停止：“${FIELD_LABELS[stop.field]}”一列的内容大多无法导入`
          : '导入已停止：大量行因同一原因无法导入'
      }
      description={
        <>
          <div>{stop.message}</div>
          <div style={{ marginTop: 4 }}>{where}已上传的文件仍保留，无需重新选择。</div>
        </>
      }
    />
  );
}

interface Props {
  state: ImportPreviewState;
  /** Set when the last import of this upload stopped because many rows failed alike. */
  stop?: AlikeStop | null;
}

/**
 * The preview of an import before anything is written (registry and lists alike): the header row,
 * every column with what it was recognized as and the user's choice, the open questions, and the
 * first rows as they will be stored. The caller imports `state.ready` once it is set.
 */
export function ImportPreviewStep({ state, stop }: Props) {
  const { message } = App.useApp();
  const answer = state.answer;
  if (!answer) return null;
  const preview = answer.preview;
  const header = preview.header;
  const questionTexts = new Set(header?.questions.map((q) => q.text));
  const problems = preview.problems.filter((p) => !questionTexts.has(p));
  const rejected = preview.sample.filter((r) => r.status === 'rejected').length;
  const open = header?.questions.filter((q) => !answered(q, state.decisions)) ?? [];

  function choose(index: number, value: Decision) {
    const cleared = state.choose(index, value);
    if (cleared == null || !header) return;
    const name = header.columns.find((c) => c.index === cleared)?.header ?? '';
    message.info(
      `“${value === 'ignore' ? '不导入' : FIELD_LABELS[value]}”只能对应一列：第 ${cleared + 1} 列“${name}”改为待选择`,
    );
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="import-preview">
      <Typography.Text type="secondary">
        文件：{answer.fileName}（{(answer.size / 1024).toLocaleString('zh-CN', { maximumFractionDigits: 1 })}{' '}
        KB）。确认导入之前不会写入任何数据。
      </Typography.Text>
      <HeaderRow state={state} preview={preview} />
      {stop && <StopAlert stop={stop} header={header} decisions={state.decisions} />}
      {header && header.questions.length > 0 && (
        <Alert
          type={open.length > 0 ? 'warning' : 'success'}
          showIcon
          data-testid="import-questions"
          title={
            open.length > 0 ? `有 ${open.length} 处需要您确认：请在“识别为”中选择（标黄的列）` : '需要确认的列都已选择'
          }
          description={
            <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
              {header.questions.map((q, i) => (
                <li key={i}>
                  {q.text}{' '}
                  {answered(q, state.decisions) ? <Tag color="success">已选择</Tag> : <Tag color="warning">待确认</Tag>}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {header && (
        <>
          <ImportColumnsTable
            kind={state.kind}
            columns={header.columns}
            decisions={state.decisions}
            stopField={stop?.field}
            disabled={state.busy}
            onChoose={choose}
          />
          <Space wrap>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void state.refresh()}
              loading={state.busy}
              type={state.fresh ? 'default' : 'primary'}
              ghost={!state.fresh}
            >
              刷新预览
            </Button>
            <Typography.Text type="secondary">
              {state.kind === 'registry'
                ? '必需：姓名、身份证号码、险种类型、参保年度（或默认年度）'
                : '必需：姓名、身份证号码'}
              ；看起来像某个字段的列，须选定字段或“不导入”。
            </Typography.Text>
          </Space>
        </>
      )}
      {state.error && <Alert type="error" showIcon title={state.error} />}
      {problems.length > 0 && (header || state.headerRowNo != null) && (
        <Alert
          type="error"
          showIcon
          data-testid="import-problems"
          title="导入前还需处理"
          description={list(problems)}
        />
      )}
      {header && <ImportSampleTable kind={state.kind} sample={preview.sample} stale={!state.fresh} />}
      {state.blocker ? (
        <Alert type="warning" showIcon data-testid="import-blocker" title={state.blocker} />
      ) : (
        <Alert
          type={rejected > 0 ? 'warning' : 'success'}
          showIcon
          data-testid="import-ready"
          title="列对应关系已确认：可以点击“确认导入”"
          description={
            rejected > 0
              ? `预览的前 ${preview.sample.length} 行中有 ${rejected} 行${state.kind === 'list' ? '身份证号有误，将作为“待核实”导入' : '将被拒收、不会写入'}（原因见“问题”列）。如果大多数行都有同样的问题，请先检查列的对应关系。`
              : undefined
          }
        />
      )}
    </Space>
  );
}
