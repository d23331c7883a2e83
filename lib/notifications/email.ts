import 'server-only';

// PLACEHOLDER: replaced by the helper building this capability in this session.
export async function emailNotification(_data: { notificationId: string }): Promise<void> {
  throw new Error('emailNotification is not built yet');
}
