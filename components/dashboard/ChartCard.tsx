'use client';

import { DownloadOutlined, PictureOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Row, Space, Table, type TableProps } from 'antd';
import { useRouter } from 'next/navigation';
import { createContext, useContext, useRef, useState, type ReactNode } from 'react';
import { exportChartPng } from './chart-image';
import { drillHref, type DashboardPanel, type Drill } from './types';

export interface ChartCardProps<R extends object> {
  title: string;
  /** The export endpoint's panel: 导出 Excel gives all of the panel's data for the same filters. */
  panel: DashboardPanel;
  /** The dashboard's filters as a query string (year, townCode, monthFrom, monthTo). */
  filterQuery: string;
  rows: R[];
  columns: TableProps<R>['columns'];
  rowKey: (row: R) => string;
  /** The list behind a row (a bar, a town, a month); rows without one are not clickable. */
  drillOf?: (row: R) => Drill | null | undefined;
  /** The chart; `pick` opens a row's list, `go` a given drill target (for Bar/Line/Cell onClick). */
  chart: (pick: (row: R) => void, go: (drill: Drill | null | undefined) => void) => ReactNode;
  loading?: boolean;
  error?: Error | null;
  /** A line of figures above the chart (totals the chart does not show). */
  summary?: ReactNode;
  height?: number;
  /** File name stem of the .png. */
  fileName?: string;
}

/** The dashboard's filters in words ("2026年 · 天福路街道"), written beside the title of an exported .png. */
export const FilterCaption = createContext('');

const defaultDrill = (row: object) => (row as { drill?: Drill | null }).drill;

/** One dashboard chart: the chart, its numbers in a table beside it, 导出 Excel and 导出图片, drill-down on click. */
export function ChartCard<R extends object>(props: ChartCardProps<R>) {
  const { title, panel, filterQuery, rows, height = 300 } = props;
  const router = useRouter();
  const { message } = App.useApp();
  const chartRef = useRef<HTMLDivElement>(null);
  const [exporting, setExporting] = useState(false);
  const caption = useContext(FilterCaption);
  const drillOf = props.drillOf ?? defaultDrill;

  const go = (drill: Drill | null | undefined) => {
    if (drill) router.push(drillHref(drill));
  };
  const pick = (row: R | undefined) => go(row ? drillOf(row) : null);

  const exportPng = async () => {
    if (!chartRef.current) return;
    setExporting(true);
    try {
      const stem = [props.fileName ?? title, caption]
        .filter(Boolean)
        .join('-')
        .replace(/[\s·]+/g, '');
      await exportChartPng(chartRef.current, title, `${stem}.png`, caption);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setExporting(false);
    }
  };

  const empty = !props.loading && rows.length === 0;
  return (
    <Card
      title={title}
      size="small"
      data-testid={`chart-${panel}-${title}`}
      extra={
        <Space size={4}>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            href={`/api/dashboard/export?panel=${panel}${filterQuery ? `&${filterQuery}` : ''}`}
          >
            导出 Excel
          </Button>
          <Button size="small" icon={<PictureOutlined />} loading={exporting} disabled={empty} onClick={exportPng}>
            导出图片
          </Button>
        </Space>
      }
    >
      {props.error && <Alert type="error" showIcon title={props.error.message} style={{ marginBottom: 12 }} />}
      {props.summary && <div style={{ marginBottom: 8 }}>{props.summary}</div>}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={13}>
          <div ref={chartRef} style={{ height, minWidth: 0 }} aria-label={`${title}图表`}>
            {empty ? (
              <Empty description="所选范围内没有数据" style={{ paddingTop: height / 4 }} />
            ) : (
              props.chart(pick, go)
            )}
          </div>
        </Col>
        <Col xs={24} xl={11}>
          <Table<R>
            size="small"
            rowKey={props.rowKey}
            loading={props.loading}
            columns={props.columns}
            dataSource={rows}
            pagination={rows.length > 50 ? { pageSize: 50, size: 'small', showSizeChanger: false } : false}
            scroll={{ x: 'max-content', y: height - 40 }}
            aria-label={`${title}数据`}
            onRow={(row) =>
              drillOf(row) ? { onClick: () => pick(row), style: { cursor: 'pointer' }, title: '查看明细' } : {}
            }
          />
        </Col>
      </Row>
    </Card>
  );
}
