import Link from 'next/link';

export default function NotFound() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <h2>404 · 页面或记录不存在</h2>
      <p>您要找的内容不存在，或不在您的权限范围内。</p>
      <Link href="/">返回首页</Link>
    </div>
  );
}
