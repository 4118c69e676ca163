/**
 * Merge fields every Iterable project has (docs/iterable.md §2.3: Iterable's user-profile fields [S36],
 * built-in merge tags [S38, S40], the SMS phone field [S37]). They are always "known": the
 * user's catalog (regal.fieldsFile) adds their own fields on top. Listed most-used first:
 * completion offers them in this order.
 */
import type { IterableFieldType } from '../workspace/workspaceContext';

export interface IterableStandardField {
  name: string;
  type: IterableFieldType;
  description: string;
  example: string;
}

const fields: IterableStandardField[] = [
  { name: 'email', type: 'string', description: "The user's email address, one of Iterable's two unique identifiers.", example: 'jane@example.com' },
  { name: 'userId', type: 'string', description: "The user's ID, Iterable's other unique identifier (non-empty when set).", example: 'user-123' },
  {
    name: 'phoneNumber',
    type: 'string',
    description: "The user's SMS number (`dataFields.phoneNumber`); Iterable requires E.164 with a country code.",
    example: '+16503926753',
  },
  { name: 'firstName', type: 'string', description: 'First name, a common profile field (not managed by Iterable).', example: 'Jane' },
  { name: 'lastName', type: 'string', description: 'Last name, a common profile field (not managed by Iterable).', example: 'Doe' },
  { name: 'signupDate', type: 'date', description: 'When the user joined the project (Iterable-managed).', example: '2016-08-02 18:53:45 +00:00' },
  { name: 'signupSource', type: 'string', description: 'How the user joined (API, import, form, ...; Iterable-managed).', example: 'API' },
  { name: 'profileUpdatedAt', type: 'date', description: 'When the profile last changed (Iterable-managed).', example: '2016-08-02 18:53:45 +00:00' },
  { name: 'createdAt', type: 'date', description: 'When the triggering event was created (event data).', example: '2016-08-02 18:53:45 +00:00' },
  { name: 'emailListIds', type: 'long', description: 'IDs of the lists the user belongs to (Iterable-managed array).', example: '[1234, 5678]' },
  { name: 'subscribedMessageTypeIds', type: 'long', description: 'Message types the user subscribed to (Iterable-managed array).', example: '[42]' },
  { name: 'unsubscribedChannelIds', type: 'long', description: 'Channels the user unsubscribed from (Iterable-managed array).', example: '[7]' },
  { name: 'unsubscribedMessageTypeIds', type: 'long', description: 'Message types the user unsubscribed from (Iterable-managed array).', example: '[43]' },
  { name: 'receivedSMSDisclaimer', type: 'boolean', description: 'Whether the user was sent the SMS disclaimer (Iterable-managed).', example: 'true' },
  { name: 'itblUserId', type: 'string', description: "Iterable's internal user ID (Iterable-managed).", example: '5f1c…' },
  { name: 'workflowId', type: 'long', description: 'The journey (workflow) that sends the webhook.', example: '12345' },
  { name: 'campaignId', type: 'long', description: 'The campaign that sends the message.', example: '67890' },
  { name: 'campaignName', type: 'string', description: 'The campaign name.', example: 'Spring promo' },
  { name: 'templateId', type: 'long', description: 'The template that renders the message.', example: '111' },
  { name: 'templateName', type: 'string', description: 'The template name.', example: 'Welcome' },
  { name: 'messageTypeId', type: 'long', description: 'The message type of the send.', example: '42' },
  { name: 'channelId', type: 'long', description: 'The channel of the send.', example: '7' },
];

export const iterableStandardFields: ReadonlyMap<string, IterableStandardField> = new Map(fields.map((f) => [f.name, f]));
