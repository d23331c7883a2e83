import 'server-only';

// PLACEHOLDER: replaced by the helper building this capability in this session.
export async function deliverWebhook(_data: { deliveryId: string }): Promise<void> {
  throw new Error('deliverWebhook is not built yet');
}
