/** A password the server generated: shown once, to be passed on to its owner. */
export function GeneratedPassword({ password }: { password: string }) {
  return (
    <div className="generated-password" role="status">
      <p>
        Their password is <code data-testid="generated-password">{password}</code>
      </p>
      <p className="hint">
        It is shown only this once. Pass it on safely; they can change it under Account.
      </p>
    </div>
  );
}
