/** The message module: driver messages, sent through a queue and listed newest first. */

export { createMessageApp, type MessageAppOptions } from './create-message-app.ts';
export {
  type DeliverMessagesOptions,
  type DeliveryOutcome,
  deliverMessages,
  markDelivered,
} from './deliver-messages.ts';
export { InvalidCursorError, MalformedDeliveryError } from './errors.ts';
export { type ListMessagesOptions, listMessages, type MessagePage } from './list-messages.ts';
export type { DriverMessage } from './message-schemas.ts';
export { type SendMessageOptions, sendMessage } from './send-message.ts';
