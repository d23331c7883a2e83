'use client';

import { useActionState } from 'react';
import { type ConfirmQuestion, useConfirmedSubmit } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { GeneratedPassword } from '@/components/ui/generated-password';
import { SelectField } from '@/components/ui/select-field';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleFormState } from '@/lib/form-state';
import {
  changeRoleAction,
  createUserAction,
  resetPasswordAction,
  setDisabledAction,
} from './actions';

type RoleOptions = readonly { value: string; label: string }[];

export function AddUserForm({ roleOptions }: { roleOptions: RoleOptions }) {
  const [state, action] = useActionState(createUserAction, idleFormState);
  // A successful add starts a blank form; an error keeps what was typed.
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form key={state.answeredAt} action={action} className="stack" noValidate>
      <FormMessage state={state} />
      {state.generatedPassword && <GeneratedPassword password={state.generatedPassword} />}
      <Field
        label="Name"
        name="name"
        autoComplete="off"
        required
        defaultValue={values?.name}
        errors={state.fieldErrors?.name}
      />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="off"
        required
        defaultValue={values?.email}
        errors={state.fieldErrors?.email}
      />
      <SelectField
        label="Role"
        name="role"
        options={roleOptions}
        defaultValue={values?.role ?? 'editor'}
        errors={state.fieldErrors?.role}
      />
      <Field
        label="Initial password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters. Leave empty to generate one, shown once."
        errors={state.fieldErrors?.password}
      />
      <SubmitButton pendingLabel="Adding…">Add user</SubmitButton>
    </form>
  );
}

interface RowUser {
  id: string;
  name: string;
  role: string;
  disabled: boolean;
}

export function UserRowActions({
  user,
  isSelf,
  roleOptions,
}: {
  user: RowUser;
  isSelf: boolean;
  roleOptions: RoleOptions;
}) {
  const [roleState, roleAction] = useActionState(changeRoleAction, idleFormState);
  const [statusState, statusAction] = useActionState(setDisabledAction, idleFormState);
  const [resetState, resetAction] = useActionState(resetPasswordAction, idleFormState);
  // Asks before a change that locks someone out, so that a slip of the mouse does not.
  const { confirmSubmit, dialog } = useConfirmedSubmit();
  const disableQuestion: ConfirmQuestion = {
    title: 'Disable user',
    description: `Disable ${user.name}? They are signed out at once.`,
    confirmLabel: 'Disable',
    tone: 'danger',
  };
  const resetQuestion: ConfirmQuestion = {
    title: 'Reset password',
    description: `Reset the password of ${user.name}? Their current password stops working and they are signed out.`,
    confirmLabel: 'Reset password',
    tone: 'danger',
  };
  return (
    <div className="row-actions">
      {/* Keyed by the role: React keeps a mounted select's first defaultValue, and the reset
          after a form action brings that stale role back; a new role gets a new form. */}
      <form key={user.role} action={roleAction} className="inline-form">
        <input type="hidden" name="userId" value={user.id} />
        <label className="visually-hidden" htmlFor={`role-${user.id}`}>
          Role for {user.name}
        </label>
        <select id={`role-${user.id}`} name="role" defaultValue={user.role}>
          {roleOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <SubmitButton className="button">Change role</SubmitButton>
      </form>
      {!isSelf && (
        <form
          action={statusAction}
          className="inline-form"
          onSubmit={user.disabled ? undefined : (event) => confirmSubmit(event, disableQuestion)}
        >
          <input type="hidden" name="userId" value={user.id} />
          <input type="hidden" name="disabled" value={user.disabled ? 'false' : 'true'} />
          <SubmitButton className={user.disabled ? 'button' : 'button danger'}>
            {user.disabled ? 'Enable' : 'Disable'}
          </SubmitButton>
        </form>
      )}
      <form
        action={resetAction}
        className="inline-form"
        onSubmit={(event) => confirmSubmit(event, resetQuestion)}
      >
        <input type="hidden" name="userId" value={user.id} />
        <SubmitButton className="button">Reset password</SubmitButton>
      </form>
      <FormMessage state={roleState} />
      <FormMessage state={statusState} />
      <FormMessage state={resetState} />
      {resetState.generatedPassword && (
        <GeneratedPassword password={resetState.generatedPassword} />
      )}
      {dialog}
    </div>
  );
}
