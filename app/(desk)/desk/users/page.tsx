import type { Metadata } from 'next';
import { requirePermission } from '@/app/_lib/guard';
import { listUsers } from '@/lib/users/queries';
import { roleLabels, userRoles } from '@/lib/users/schemas';
import { AddUserForm, UserRowActions } from './user-forms';

export const metadata: Metadata = { title: 'Users — Factdesk' };

const roleOptions = userRoles.map((role) => ({ value: role, label: roleLabels[role] }));

export default async function UsersPage() {
  const actor = await requirePermission('/desk/users', 'users.manage');
  const people = await listUsers(actor);
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
    </main>
  );
}
