/** PostgreSQL NOTIFY channel that wakes outbox relays when an event is committed. */
export const OUTBOX_CHANNEL = 'ciclo_outbox';
