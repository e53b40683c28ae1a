import { redirect } from 'next/navigation';
import { menuFor } from '@/lib/menu';
import { currentUser } from '@/lib/server/session';

/** The home page is the first menu entry of the user's role. */
export default async function Home() {
  const user = await currentUser();
  if (!user) redirect('/login');
  redirect(menuFor(user)[0]?.href ?? '/login');
}
