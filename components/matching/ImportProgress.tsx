'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Col, Progress, Row, Space, Statistic } from 'antd';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { fetchImportStatus, matchingKeys } from './api';

interface Props {
  importId: number;
  /** List ids that existed before the upload: an answer naming one of them means the file was already imported. */
  knownListIds: Set<number>;
}

/** Polls an import every 700 ms while it runs; then its summary, error report and list. */
export function ImportProgress({ importId, knownListIds }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data, error } = useQuery({
    queryKey: matchingKeys.importStatus(importId),
    queryFn: () => fetchImportStatus(importId),
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 700),
    staleTime: 0,
  });
  const status = data?.status;
  useEffect(() => {
    if (status === 'completed') void queryClient.invalidateQueries({ queryKey: matchingKeys.lists });
  }, [status, queryClient]);

  if (error) return <Alert type="error" showIcon title={(error as Error).message} />;
  const already = status === 'completed' && data?.listId != null && knownListIds.has(data.listId);
  const hasErrors = (data?.rowsRejected ?? 0) + (data?.rowsSkipped ?? 0) > 0;
  const openList = data?.listId != null && (
    <Button type="primary" onClick={() => router.push(`/matching/lists/${data.listId}`)}>
      查看名单
    </Button>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="import-progress">
      <Progress
        percent={100}
        showInfo={status !== 'running'}
        status={status === 'failed' ? 'exception' : status === 'completed' ? 'success' : 'active'}
        aria-label="导入进度"
      />
      <Row gutter={16}>
        <Col span={8}>
          <Statistic title="已导入人员行" value={data?.rowsDone ?? 0} loading={!data} />
        </Col>
        <Col span={8}>
          <Statistic title="身份证号有误（待核实）" value={data?.rowsRejected ?? 0} loading={!data} />
        </Col>
        <Col span={8}>
          <Statistic title="跳过的行" value={data?.rowsSkipped ?? 0} loading={!data} />
        </Col>
      </Row>
      {(!data || status === 'running') && (
        <Alert type="info" showIcon title="正在导入，请稍候……（关闭窗口不影响导入）" />
      )}
      {already && <Alert type="warning" showIcon title="该文件已导入过，未做任何更改" action={openList} />}
      {data && status === 'completed' && !already && (
        <Alert
          type="success"
          showIcon
          title="导入完成"
          description={
            <Space orientation="vertical">
              <span>
                共导入 {data.rowsDone.toLocaleString()} 行人员，其中身份证号有误待核实{' '}
                {data.rowsRejected.toLocaleString()} 行；跳过标题、合计、备注、空行等{' '}
                {data.rowsSkipped.toLocaleString()} 行。
              </span>
              {data.rowsOutsideScope > 0 && (
                <span data-testid="rows-outside-scope">
                  其中 {data.rowsOutsideScope.toLocaleString()}{' '}
                  行人员不属于您负责的镇街（或无法确定镇街），已交由所在镇街核实并跟进销号，您在名单中看不到这些行。
                </span>
              )}
              <Space>
                {hasErrors && (
                  <a href={`/api/imports/${importId}/errors`} download>
                    下载错误报告
                  </a>
                )}
                {openList}
              </Space>
            </Space>
          }
        />
      )}
      {data && status === 'failed' && (
        <Alert type="error" showIcon title="导入失败" description={data.message ?? '导入失败，未写入任何数据'} />
      )}
    </Space>
  );
}
