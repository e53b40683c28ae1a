import { UserList } from '@/components/admin/UserList';
import { requirePagePermission } from '@/lib/server/page-guard';

export default async function UsersPage() {
  const user = await requirePagePermission('user.manage');
  return <UserList currentUserId={user.id} />;
}
