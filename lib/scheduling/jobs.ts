import 'server-only';

// PLACEHOLDER: replaced by the helper building this capability in this session.
export async function publishScheduled(_data: { scheduleId: string }): Promise<void> {
  throw new Error('publishScheduled is not built yet');
}

export async function publishDueSchedules(): Promise<void> {
  throw new Error('publishDueSchedules is not built yet');
}
