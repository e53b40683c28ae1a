import type { TablePaginationConfig } from 'antd';

/** Pagination for a list page whose page and size live in the URL; `unit` reads "共 N {unit}". */
export function urlPagination(
  query: { page: number; pageSize: number },
  total: number | undefined,
  unit: string,
): TablePaginationConfig {
  return {
    current: query.page,
    pageSize: query.pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (n) => `共 ${n.toLocaleString()} ${unit}`,
  };
}
