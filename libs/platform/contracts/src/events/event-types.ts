/**
 * The name of every platform event, written once: the catalog is keyed by these, and producers,
 * consumers and pub/sub subscribers use them instead of string literals. Versioned payloads keep
 * the name (`ModelAliasChangedV1` …); a breaking change gets a new name here.
 */
export const EventTypes = {
  modelAliasChanged: 'model.alias.changed',
  chatMessageReceived: 'chat.message.received',
  handoffRequested: 'handoff.requested',
} as const;
