/** The role ARN functions get locally; the stacks make a real one per module in AWS. */
export const LOCAL_ROLE = 'arn:aws:iam::000000000000:role/turnout-local';
