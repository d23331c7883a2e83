'use client';

import { useActionState, useId } from 'react';
import { type ConfirmQuestion, useConfirmedSubmit } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleFormState } from '@/lib/form-state';
import { eventFieldName, webhookEventLabels, webhookEvents } from '@/lib/webhooks/schemas';
import { addWebhookAction, removeWebhookAction } from './actions';
import { idleAddWebhookState } from './form-state';

export function AddWebhookForm() {
  const [state, action] = useActionState(addWebhookAction, idleAddWebhookState);
  // A successful add starts a blank form; an error keeps what was typed and ticked.
  const values = state.status === 'error' ? state.values : undefined;
  const eventErrors = state.fieldErrors?.events;
  const eventErrorId = `${useId()}-events-error`;
  return (
    <form key={state.answeredAt} action={action} className="stack" noValidate>
      <FormMessage state={state} />
      {state.secret && <WebhookSecret secret={state.secret} />}
      <Field
        label="Endpoint URL"
        name="url"
        type="url"
        inputMode="url"
        autoComplete="off"
        required
        hint="Factdesk POSTs each event there as JSON (https:// is best)."
        defaultValue={values?.url}
        errors={state.fieldErrors?.url}
      />
      <fieldset
        className="webhook-events"
        aria-describedby={eventErrors ? eventErrorId : undefined}
      >
        <legend>Events</legend>
        {webhookEvents.map((event) => (
          <label key={event} className="webhook-event">
            <input
              type="checkbox"
              name={eventFieldName(event)}
              defaultChecked={values?.[eventFieldName(event)] === 'on'}
            />
            {webhookEventLabels[event]}
          </label>
        ))}
        {eventErrors && (
          <p id={eventErrorId} className="field-error">
            {eventErrors.join(' ')}
          </p>
        )}
      </fieldset>
      <SubmitButton pendingLabel="Adding…">Add webhook</SubmitButton>
    </form>
  );
}

/** The signing secret of the webhook just added: shown this once, with how to check a delivery. */
function WebhookSecret({ secret }: { secret: string }) {
  return (
    <div className="generated-password" role="status">
      <p>
        Signing secret: <code data-testid="webhook-secret">{secret}</code>
      </p>
      <p className="hint">
        It is shown only this once: store it with the receiving system now. Each delivery is signed
        per the Standard Webhooks specification: the receiver checks the <code>webhook-id</code>,{' '}
        <code>webhook-timestamp</code> and <code>webhook-signature</code> headers against the exact
        body with this secret (any Standard Webhooks library does it:{' '}
        <code>new Webhook(secret).verify(body, headers)</code>) and ignores a{' '}
        <code>webhook-id</code> it has seen before, since a delivery that failed is sent again with
        the same id.
      </p>
    </div>
  );
}

export function RemoveWebhookForm({ webhook }: { webhook: { id: string; url: string } }) {
  const [state, action] = useActionState(removeWebhookAction, idleFormState);
  // Asks first: a receiver that is removed by a slip of the mouse misses every event after it.
  const { confirmSubmit, dialog } = useConfirmedSubmit();
  const question: ConfirmQuestion = {
    title: 'Remove webhook',
    description: `Remove the webhook for ${webhook.url}? Nothing more is sent to it, not even the deliveries still waiting.`,
    confirmLabel: 'Remove',
    tone: 'danger',
  };
  return (
    <div className="row-actions">
      <form
        action={action}
        className="inline-form"
        onSubmit={(event) => confirmSubmit(event, question)}
      >
        <input type="hidden" name="webhookId" value={webhook.id} />
        <SubmitButton className="button danger">Remove</SubmitButton>
      </form>
      <FormMessage state={state} />
      {dialog}
    </div>
  );
}
