import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import { resourceName } from '../modules/kit/resource-names.ts';
import { SettingsError } from './errors.ts';
import type { Account } from './get-account.ts';

export interface AlarmTopicArgs {
  /** The first part of every physical name. */
  prefix: string;
  /**
   * Who hears of alarms: an email address (who must confirm the subscription SNS mails
   * them) or an `https://` (or `http://`) URL SNS posts to. None: the topic still
   * collects every alarm, for subscribers added by hand.
   */
  subscriber?: string;
}

export interface AlarmTopic {
  topic: aws.sns.Topic;
  subscription?: aws.sns.TopicSubscription;
}

/**
 * The environment's alarm topic in one Region: every alias alarm there (the gateway's
 * and each module's) notifies it. The gateway stack creates it, being the first stack
 * of a Region; module stacks find it by name (`alarmTopicArn`).
 *
 * @example
 * createAlarmTopic({ prefix: 'turnout', subscriber: 'oncall@example.com' }, { parent });
 */
export function createAlarmTopic(
  args: AlarmTopicArgs,
  opts: pulumi.CustomResourceOptions,
): AlarmTopic {
  const topic = new aws.sns.Topic('AlarmTopic', { name: alarmTopicName(args.prefix) }, opts);
  if (!args.subscriber) return { topic };
  const subscription = new aws.sns.TopicSubscription(
    'AlarmSubscriber',
    {
      topic: topic.arn,
      protocol: subscriberProtocol(args.subscriber),
      endpoint: args.subscriber,
    },
    opts,
  );
  return { topic, subscription };
}

/** The topic's physical name, e.g. `turnout-alarms`. */
export function alarmTopicName(prefix: string): string {
  return resourceName(prefix, 'alarms');
}

/** The ARN of the topic the gateway stack of this Region created. */
export function alarmTopicArn(
  account: Account,
  region: string,
  prefix: string,
): pulumi.Output<string> {
  return account.apply(
    ({ accountId, partition }) =>
      `arn:${partition}:sns:${region}:${accountId}:${alarmTopicName(prefix)}`,
  );
}

/**
 * How SNS reaches the subscriber: `email` for an address, `https` or `http` for a URL.
 *
 * @throws SettingsError (INVALID_ALARM_SUBSCRIBER) for anything else
 */
export function subscriberProtocol(subscriber: string): 'email' | 'https' | 'http' {
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(subscriber)) return 'email';
  if (/^https:\/\/\S+$/.test(subscriber)) return 'https';
  if (/^http:\/\/\S+$/.test(subscriber)) return 'http';
  throw new SettingsError(
    'INVALID_ALARM_SUBSCRIBER',
    `TURNOUT_ALARM_SUBSCRIBER="${subscriber}" is neither an email address nor an http(s) URL. Set it to who hears of alarms, e.g. TURNOUT_ALARM_SUBSCRIBER=oncall@example.com or TURNOUT_ALARM_SUBSCRIBER=https://hooks.example.com/alarms, or leave it unset.`,
  );
}
