import * as z from 'zod';

/** A driver id as the Relay app sends it: letters, digits, dashes and underscores. */
export const driverIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1-64 letters, digits, dashes or underscores');

export const driverParamsSchema = z.object({ driverId: driverIdSchema });

export const sendMessageBodySchema = z.strictObject({
  text: z.string().trim().min(1, 'write some text').max(2000, 'keep it to 2000 characters'),
  from: z.string().trim().min(1, 'say who sends it').max(100, 'keep it to 100 characters'),
});

export const listMessagesQuerySchema = z.object({
  limit: z.coerce
    .number('give limit as a number')
    .int('give limit as a whole number')
    .min(1, 'limit is at least 1')
    .max(100, 'limit is at most 100')
    .default(20),
  cursor: z.string().min(1).optional(),
});

/** What the queue carries: just enough to find the stored message. */
export const deliveryBodySchema = z.object({
  driverId: driverIdSchema,
  messageId: z.string().min(1),
});

export type SendMessageBody = z.output<typeof sendMessageBodySchema>;
export type Delivery = z.output<typeof deliveryBodySchema>;

/** A message as stored and as answered. */
export interface DriverMessage {
  driverId: string;
  messageId: string;
  text: string;
  /** How the sender signs it, e.g. "DFW7 yard": a label, as the sender chose it. */
  from: string;
  /** The verified subject of the sender. */
  sentBy: string;
  status: 'queued' | 'delivered';
  sentAt: string;
  deliveredAt?: string;
}
