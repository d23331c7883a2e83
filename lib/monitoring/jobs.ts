import 'server-only';

// PLACEHOLDER: replaced by the helper building this capability in this session.
export async function checkSourcesOfHost(_data: { host: string }): Promise<void> {
  throw new Error('checkSourcesOfHost is not built yet');
}

export async function sendDueSourceChecks(): Promise<void> {
  throw new Error('sendDueSourceChecks is not built yet');
}
