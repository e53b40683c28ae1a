import Link from 'next/link';

export function Forbidden() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <h2>403 · 无权访问</h2>
      <p>您的角色或数据范围不能访问此页面。如需权限，请联系系统管理员。</p>
      <Link href="/">返回首页</Link>
    </div>
  );
}
