import { describe, expect, it } from 'vitest';
import { addedNote, describeUserActivity, roleChangeNote } from './activity';

describe('describeUserActivity', () => {
  it('reads each kind of entry', () => {
    expect(describeUserActivity({ action: 'added', note: addedNote('reviewer') })).toBe(
      'Added as reviewer',
    );
    expect(
      describeUserActivity({ action: 'role_changed', note: roleChangeNote('editor', 'admin') }),
    ).toBe('Role changed from editor to admin');
    expect(describeUserActivity({ action: 'disabled', note: null })).toBe('Disabled');
    expect(describeUserActivity({ action: 'enabled', note: null })).toBe('Enabled');
    expect(describeUserActivity({ action: 'password_reset', note: null })).toBe('Password reset');
    expect(describeUserActivity({ action: 'password_changed', note: null })).toBe(
      'Changed their own password',
    );
    expect(describeUserActivity({ action: 'signed_out_everywhere', note: null })).toBe(
      'Signed out everywhere',
    );
  });

  it('shows an entry it does not know as it is stored', () => {
    expect(describeUserActivity({ action: 'renamed', note: 'x' })).toBe('renamed');
  });
});
