import type { Metadata } from 'next';
import { requirePermission } from '@/app/_lib/guard';
import { getConfig } from '@/lib/config';
import { formatMoment } from '@/lib/content/dates';
import { describeUserActivity } from '@/lib/users/activity';
import { listUserActivity, USER_ACTIVITY_LIMIT } from '@/lib/users/audit';
import { listUsers } from '@/lib/users/queries';
import { roleLabels, userRoles } from '@/lib/users/schemas';
import { AddUserForm, UserRowActions } from './user-forms';

export const metadata: Metadata = { title: 'Users — Factdesk' };

const roleOptions = userRoles.map((role) => ({ value: role, label: roleLabels[role] }));

export default async function UsersPage() {
  const actor = await requirePermission('/desk/users', 'users.manage');
  const [people, activity] = await Promise.all([listUsers(actor), listUserActivity(actor)]);
  const timeZone = getConfig().FACTDESK_TIMEZONE;
  return (
    <main className="desk-page">
      <h1>Users</h1>
      <div className="two-columns">
        <section aria-labelledby="people">
          <h2 id="people">People ({people.length})</h2>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id} aria-label={`${person.name} (${person.email})`}>
                  <th scope="row">
                    {person.name}
                    {person.id === actor.id && <span className="muted"> (you)</span>}
                  </th>
                  <td>{person.email}</td>
                  <td>{roleLabels[person.role]}</td>
                  <td>
                    <span className={person.disabled ? 'status-off' : 'status-on'}>
                      {person.disabled ? 'Disabled' : 'Active'}
                    </span>
                  </td>
                  <td>
                    <UserRowActions
                      user={{
                        id: person.id,
                        name: person.name,
                        role: person.role,
                        disabled: person.disabled,
                      }}
                      isSelf={person.id === actor.id}
                      roleOptions={roleOptions}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="add-user" className="panel">
          <h2 id="add-user">Add a person</h2>
          <AddUserForm roleOptions={roleOptions} />
        </section>
      </div>
      <section aria-labelledby="account-activity">
        <h2 id="account-activity">Account activity</h2>
        <p className="hint">
          The latest {USER_ACTIVITY_LIMIT} changes to people’s accounts, newest first ({timeZone}{' '}
          time). This log cannot be edited.
        </p>
        {activity.length === 0 ? (
          <p>Nothing yet.</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Person</th>
                <th scope="col">What</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {activity.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.at.toISOString()}>
                      {formatMoment(entry.at, timeZone)}
                    </time>
                  </td>
                  <td>
                    {entry.subject.name} ({entry.subject.email})
                  </td>
                  <td>{describeUserActivity(entry)}</td>
                  <td>{entry.actor ? entry.actor.name : 'Command line'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
