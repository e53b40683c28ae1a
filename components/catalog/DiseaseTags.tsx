import { Space, Tag } from 'antd';
import { SCHEME_LABELS } from '@/lib/labels';

interface VersionLike {
  forResident: boolean;
  forEmployee: boolean;
  reviewExempt: boolean;
  validityMonths: number | null;
}

/** 城乡居民 / 职工 tags of the schemes a version is open to. */
export function SchemeTags({ version }: { version: VersionLike }) {
  return (
    <Space size={4}>
      {version.forResident && <Tag>{SCHEME_LABELS.resident}</Tag>}
      {version.forEmployee && <Tag>{SCHEME_LABELS.employee}</Tag>}
    </Space>
  );
}

/** '免复审' or 'N 个月'. */
export function ValidityText({ version }: { version: VersionLike }) {
  return version.reviewExempt ? <Tag color="green">免复审</Tag> : <span>{version.validityMonths} 个月</span>;
}
