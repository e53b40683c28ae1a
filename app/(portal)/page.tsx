import { redirect } from 'next/navigation';
import { menuFor } from '@/lib/menu';
import { currentUser } from '@/lib/server/session';

/**
 * The home page is the first menu entry of the user's role: 统计分析 for supervisors and admins.
 * Agency staff see the dashboard too but land on their work (the first entry after it).
 */
export default async function Home() {
  const user = await currentUser();
  if (!user) redirect('/login');
  const entries = menuFor(user).filter((m) => m.href !== '/dashboard' || user.role !== 'agency_staff');
  redirect(entries[0]?.href ?? '/login');
}
