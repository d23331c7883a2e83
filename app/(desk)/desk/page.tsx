import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePermission } from '@/app/_lib/guard';
import { can } from '@/lib/auth/policy';
import { roleLabels } from '@/lib/users/schemas';

export const metadata: Metadata = { title: 'Dashboard — Factdesk' };

const roleDuties = {
  editor: 'You draft briefs, cite their sources and submit them for review.',
  reviewer: 'You check every cited claim, approve or request changes, and publish.',
  admin: 'You can do everything a reviewer can, and manage the people of the newsroom.',
} as const;

export default async function DashboardPage() {
  const actor = await requirePermission('/desk', 'desk.view');
  return (
    <main className="desk-page">
      <h1>Dashboard</h1>
      <p>
        Welcome, {actor.name}. You are signed in as {actor.email} with the role{' '}
        <strong>{roleLabels[actor.role]}</strong>. {roleDuties[actor.role]}
      </p>
      <ul className="link-list">
        {can(actor, 'users.manage') && (
          <li>
            <Link href="/desk/users">Manage the people of the newsroom</Link>
          </li>
        )}
        <li>
          <Link href="/desk/account">Change your password</Link>
        </li>
      </ul>
    </main>
  );
}
