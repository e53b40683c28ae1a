import { redirect } from 'next/navigation';
import { ChangePasswordForm } from '@/components/account/ChangePasswordForm';
import { currentUser } from '@/lib/server/session';

export default async function ChangePasswordPage() {
  const user = await currentUser();
  if (!user) redirect('/login');
  return <ChangePasswordForm username={user.username} forced={!!user.mustChangePassword} />;
}
